"""Time zones offered wherever an editor says where something happens (deadlines, events, a
paper feed's day boundaries): the common ones first, then every other named zone."""

import zoneinfo

COMMON_TIME_ZONES = [
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Zurich",
    "Europe/Stockholm",
    "Europe/Helsinki",
    "Europe/Athens",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
]
TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in COMMON_TIME_ZONES] + [
    (name, name.replace("_", " "))
    for name in sorted(zoneinfo.available_timezones())
    if name not in COMMON_TIME_ZONES
    and "/" in name
    and not name.startswith(("Etc/", "SystemV/", "US/"))
]
