"""Vietnamese formats: Django's, with digits grouped by three (``4.007`` hồ sơ) wherever a
number is formatted with grouping (``intcomma``, ``number_format(force_grouping=True)``).

``USE_THOUSAND_SEPARATOR`` stays off: it would also group ids and years printed in templates.
"""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
