import factory

from organisation.models import AboutPage, Level, Person, Position, Unit


def committee():
    """The town's People's Committee (seeded by the migrations)."""
    return Unit.objects.get(key="ubnd thị xã hồng lĩnh")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Phòng Chuyên môn {n}")
    name_vi = factory.SelfAttribute("name")
    name_en = factory.Sequence(lambda n: f"Office {n}")
    level = factory.LazyFunction(lambda: Level.objects.get(code="don-vi"))
    kind = Unit.Kind.OFFICE
    parent = factory.LazyFunction(committee)
    phone = "0239 3000 199"
    email = factory.Sequence(lambda n: f"phong{n}@honglinh.example")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Nguyễn Văn Cán Bộ {n}")
    phone = "0239 3000 111"
    email = factory.Sequence(lambda n: f"canbo{n}@honglinh.example")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    title = "Trưởng phòng"
    title_vi = "Trưởng phòng"
    title_en = "Head of Office"
    is_leader = True


class AboutPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AboutPage

    title = factory.Sequence(lambda n: f"Lịch sử {n}")
    title_vi = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"History {n}")
    body_vi = "<p>Thị xã Hồng Lĩnh được thành lập năm 1992.</p>"
    body_en = "<p>Hong Linh town was founded in 1992.</p>"
