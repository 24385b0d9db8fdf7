"""The release series this code belongs to, for upgrades (docs/upgrading.md).

Every 1.x release migrates forward from any earlier 1.x database: ``SERIES_BASE`` is the first
commit of the series, whose migration state the upgrade test (tests/test_upgrade.py) starts
from, with the demo group loaded by that commit's own code.
"""

VERSION = "1.1.dev0"
SERIES = "1"
SERIES_BASE = "fdd0673fd2faeded31f0b95ecdddca476deb7763"
