import factory

from clientdesk.kb.models import Article, Category, SynonymGroup


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_ro = factory.Sequence(lambda n: f"Subiect {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    slug = factory.Sequence(lambda n: f"article-{n}")
    lang = "ro"
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Întrebarea {n}")
    body = "Un răspuns scurt."
    tags = factory.LazyFunction(list)


class SynonymGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SynonymGroup

    lang = "ro"
    words = factory.Sequence(lambda n: f"cuvant{n} vorba{n}")
