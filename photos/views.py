from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from . import usage
from .models import Album, Photo


class AlbumListView(ListView):
    """The photo library: albums by event, newest first, each with its first
    photo. Three queries whatever the number of albums."""

    template_name = "photos/album_list.html"
    context_object_name = "albums"
    paginate_by = 24

    def get_queryset(self):
        return Album.objects.for_listing()

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as exc:
            raise Http404(_("This page of the photo library does not exist.")) from exc
        albums = list(page.object_list)
        covers = Photo.objects.in_bulk([a.cover_id for a in albums if a.cover_id])
        for album in albums:
            album.cover = covers.get(album.cover_id)
        page.object_list = albums
        return paginator, page, albums, page.has_other_pages()


class AlbumDetailView(DetailView):
    """An album: every photo with its caption, credit and the published
    articles using it."""

    template_name = "photos/album_detail.html"

    def get_queryset(self):
        return Album.objects.public()

    def get_context_data(self, **kwargs):
        photos = list(self.object.photos.order_by("order", "pk"))
        uses = usage.public_uses(photo.pk for photo in photos)
        for photo in photos:
            photo.public_uses = uses.get(photo.pk, [])
        return super().get_context_data(photos=photos, **kwargs)
