"""Many groups on one install: each group a Wagtail site of its own (home page, the index
pages the apps register, settings, an editors' group whose rights stop at its own pages and
its own collection of images and documents), made by ``manage.py create_group``."""
