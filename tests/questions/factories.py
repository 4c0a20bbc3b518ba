import io
import secrets

import factory
from django.utils import timezone
from PIL import Image

from organisation.models import Unit
from questions.models import Question, Topic, code_digest, new_tracking_code


def town():
    return Unit.objects.get(key="ubnd thị xã hồng lĩnh")


def topic(slug="dat-dai"):
    return Topic.objects.get(slug=slug)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A received question; ``code`` (not a field) is kept on the object."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    code_digest = factory.LazyFunction(lambda: secrets.token_hex(32))
    name = "Nguyễn Văn Bảo"
    phone = "0912 345 678"
    email = "bao.nguyen@example.com"
    address = "Tổ dân phố 3, phường Bắc Hồng"
    consent_at = factory.LazyFunction(timezone.now)
    topic = factory.LazyFunction(topic)
    title_vi = factory.Sequence(lambda n: f"Hỏi về thủ tục đất đai số {n}")
    content_vi = "Xin hỏi thủ tục tách thửa đất ở phường Bắc Hồng cần những gì?"

    @factory.post_generation
    def code(obj, create, extracted, **kwargs):
        obj.code = extracted or new_tracking_code()
        obj.code_digest = code_digest(obj.code)
        if create:
            Question.objects.filter(pk=obj.pk).update(code_digest=obj.code_digest)


def published(**kwargs):
    return QuestionFactory(
        unit=town(),
        answer_vi="<p>Ông liên hệ Bộ phận một cửa của UBND phường.</p>",
        is_public=True,
        **kwargs,
    )


def jpeg_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "JPEG")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
