"""``/oai/``: the OAI-PMH 2.0 protocol (https://www.openarchives.org/OAI/openarchivesprotocol.html)
over the repository (``repository.py``) in the formats of ``formats.py``.

Every answer is a 200 with an OAI-PMH document; a request the protocol refuses gets its
``<error code="…">`` with a sentence saying what to send instead, never a 4xx or 5xx (the
protocol's own rule). Long lists come a page at a time with a signed ``resumptionToken`` that
carries the harvest's arguments and where the page ended; a token older than a day is refused
as ``badResumptionToken`` and the harvest starts again.
"""

import datetime
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from labsite.models import SiteSettings
from labsite.pagecache import memo
from research.harvesting import formats, repository

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = formats.XSI
TOKEN_SALT = "research.harvesting.resumption"
TOKEN_SECONDS = 24 * 3600
for prefix, namespace in (
    # ElementTree writes no default namespace where unprefixed attributes are used: "oai".
    ("oai", OAI), ("xsi", XSI), ("oai_dc", formats.OAI_DC), ("dc", formats.DC),
    ("datacite", formats.DATACITE),
):  # fmt: skip
    register_namespace(prefix, namespace)

#: Arguments each verb accepts (verb itself aside), and which of them it requires.
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": ({"identifier"}, set()),
    "ListSets": ({"resumptionToken"}, set()),
    "ListIdentifiers": ({"metadataPrefix", "from", "until", "set", "resumptionToken"}, {"metadataPrefix"}),
    "ListRecords": ({"metadataPrefix", "from", "until", "set", "resumptionToken"}, {"metadataPrefix"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, {"identifier", "metadataPrefix"}),
}  # fmt: skip


class Refusal(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def page_size() -> int:
    return getattr(settings, "OAI_PAGE_SIZE", 100)


def repository_id() -> str:
    """The namespace of the records' identifiers: the default site's host name, so an
    identifier stays the same whichever group's address is asked. Read once per content
    change, not once per record of a list."""

    def default_host() -> str:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        return (site.hostname if site else "localhost").lower()

    return memo.remember("research:oai:repository-id", default_host)


def identifier_of(pk: int) -> str:
    return f"oai:{repository_id()}:publication/{pk}"


def pk_of(identifier: str) -> int | None:
    head, _, number = identifier.rpartition(":publication/")
    if head != f"oai:{repository_id()}" or not number.isdigit():
        return None
    return int(number)


def _moment(value: str, end: bool):
    """A from/until value at the repository's granularity (a day or a second, UTC)."""
    for pattern, granularity in (("%Y-%m-%d", "day"), ("%Y-%m-%dT%H:%M:%SZ", "second")):
        try:
            moment = datetime.datetime.strptime(value, pattern).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        if granularity == "day" and end:
            moment += datetime.timedelta(days=1) - datetime.timedelta(microseconds=1)
        return moment, granularity
    raise Refusal(
        "badArgument",
        f"'{value}' is not a date: send YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC).",
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai(request):
    arguments = request.GET if request.method == "GET" else request.POST
    verb = arguments.get("verb", "")
    root = Element(
        f"{{{OAI}}}OAI-PMH",
        {f"{{{XSI}}}schemaLocation": f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"},
    )
    SubElement(root, f"{{{OAI}}}responseDate").text = (
        timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    request_element = SubElement(root, f"{{{OAI}}}request")
    request_element.text = request.build_absolute_uri(request.path)
    try:
        _check(arguments, verb)
        for name in sorted(arguments):
            request_element.set(name, arguments[name])
        ANSWERS[verb](request, arguments, root)
    except Refusal as refusal:
        SubElement(root, f"{{{OAI}}}error", code=refusal.code).text = refusal.message
    body = tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _check(arguments, verb: str) -> None:
    if verb not in VERBS:
        known = ", ".join(VERBS)
        raise Refusal("badVerb", f"'{verb}' is not an OAI-PMH verb: send verb= one of {known}.")
    allowed, required = VERBS[verb]
    for name in arguments:
        if len(arguments.getlist(name)) > 1:
            raise Refusal("badArgument", f"'{name}' is given more than once: send it once.")
    unknown = set(arguments) - allowed - {"verb"}
    if unknown:
        raise Refusal(
            "badArgument",
            f"{verb} takes no {', '.join(sorted(unknown))}: it accepts "
            f"{', '.join(sorted(allowed)) or 'no arguments'}.",
        )
    if "resumptionToken" in arguments:
        if set(arguments) - {"verb", "resumptionToken"}:
            raise Refusal("badArgument", "A resumptionToken comes alone, without other arguments.")
        return
    missing = required - set(arguments)
    if missing:
        raise Refusal("badArgument", f"{verb} needs {', '.join(sorted(missing))}.")


def _group_name(request) -> str:
    return SiteSettings.for_request(request).group_name


def identify(request, arguments, root):
    answer = SubElement(root, f"{{{OAI}}}Identify")
    SubElement(answer, f"{{{OAI}}}repositoryName").text = f"{_group_name(request)}: publications"
    SubElement(answer, f"{{{OAI}}}baseURL").text = request.build_absolute_uri(request.path)
    SubElement(answer, f"{{{OAI}}}protocolVersion").text = "2.0"
    email = SiteSettings.for_request(request).contact_email or settings.DEFAULT_FROM_EMAIL
    SubElement(answer, f"{{{OAI}}}adminEmail").text = email
    SubElement(answer, f"{{{OAI}}}earliestDatestamp").text = repository.earliest()
    # Unpublished works are not kept as deletions: a harvester re-harvests to notice them.
    SubElement(answer, f"{{{OAI}}}deletedRecord").text = "no"
    SubElement(answer, f"{{{OAI}}}granularity").text = "YYYY-MM-DDThh:mm:ssZ"


def list_metadata_formats(request, arguments, root):
    if "identifier" in arguments:
        _record(arguments["identifier"])  # refuses an unknown one
    answer = SubElement(root, f"{{{OAI}}}ListMetadataFormats")
    for metadata_format in formats.FORMATS.values():
        element = SubElement(answer, f"{{{OAI}}}metadataFormat")
        SubElement(element, f"{{{OAI}}}metadataPrefix").text = metadata_format.prefix
        SubElement(element, f"{{{OAI}}}schema").text = metadata_format.schema
        SubElement(element, f"{{{OAI}}}metadataNamespace").text = metadata_format.namespace


def list_sets(request, arguments, root):
    if "resumptionToken" in arguments:
        raise Refusal("badResumptionToken", "The list of sets comes whole: ask without a token.")
    answer = SubElement(root, f"{{{OAI}}}ListSets")
    for spec, name in repository.set_names():
        element = SubElement(answer, f"{{{OAI}}}set")
        SubElement(element, f"{{{OAI}}}setSpec").text = spec
        SubElement(element, f"{{{OAI}}}setName").text = name


def _record(identifier: str):
    pk = pk_of(identifier)
    found = repository.records().filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise Refusal(
            "idDoesNotExist",
            f"No publication here has the identifier '{identifier}' (they look like "
            f"{identifier_of(1)}).",
        )
    return found


def _format(prefix: str):
    if prefix not in formats.FORMATS:
        offered = ", ".join(formats.FORMATS)
        raise Refusal(
            "cannotDisseminateFormat", f"'{prefix}' is not offered: use one of {offered}."
        )
    return formats.FORMATS[prefix]


def _header(parent, page, groups):
    header = SubElement(parent, f"{{{OAI}}}header")
    SubElement(header, f"{{{OAI}}}identifier").text = identifier_of(page.pk)
    SubElement(header, f"{{{OAI}}}datestamp").text = repository.datestamp(page)
    for spec in repository.sets_of(page, groups):
        SubElement(header, f"{{{OAI}}}setSpec").text = spec


def _full_record(parent, page, metadata_format, groups, request, group_name):
    record = SubElement(parent, f"{{{OAI}}}record")
    _header(record, page, groups)
    metadata = SubElement(record, f"{{{OAI}}}metadata")
    metadata.append(metadata_format.build(page, page.get_full_url(request), group_name))


def get_record(request, arguments, root):
    metadata_format = _format(arguments["metadataPrefix"])
    page = _record(arguments["identifier"])
    answer = SubElement(root, f"{{{OAI}}}GetRecord")
    _full_record(answer, page, metadata_format, repository.sites(), request, _group_name(request))


def _harvest(arguments) -> dict:
    """The harvest's arguments: from the request, or from its resumption token."""
    if "resumptionToken" in arguments:
        try:
            return signing.loads(
                arguments["resumptionToken"], salt=TOKEN_SALT, max_age=TOKEN_SECONDS
            )
        except signing.SignatureExpired:
            raise Refusal(
                "badResumptionToken", "This token has expired: start the harvest again."
            ) from None
        except signing.BadSignature:
            raise Refusal(
                "badResumptionToken", "This token was not issued here: start the harvest again."
            ) from None
    harvest = {"prefix": arguments["metadataPrefix"], "set": arguments.get("set", ""),
               "from": arguments.get("from", ""), "until": arguments.get("until", ""),
               "after": 0, "cursor": 0}  # fmt: skip
    granularities = set()
    for name in ("from", "until"):
        if harvest[name]:
            granularities.add(_moment(harvest[name], end=name == "until")[1])
    if len(granularities) > 1:
        raise Refusal(
            "badArgument", "from and until must be given alike: both days or both seconds."
        )
    return harvest


def _list(request, arguments, root, with_metadata: bool):
    harvest = _harvest(arguments)
    metadata_format = _format(harvest["prefix"])
    since = _moment(harvest["from"], end=False)[0] if harvest["from"] else None
    until = _moment(harvest["until"], end=True)[0] if harvest["until"] else None
    if since and until and since > until:
        raise Refusal("badArgument", "from is later than until: swap them.")
    pages = repository.records(harvest["set"], since, until)
    if pages is None:
        raise Refusal("badArgument", f"There is no set '{harvest['set']}': ListSets names them.")
    total = pages.count()
    chosen = list(pages.filter(pk__gt=harvest["after"])[: page_size()])
    if not chosen:
        if harvest["cursor"]:
            raise Refusal(
                "badResumptionToken", "The list has changed since this token: start again."
            )
        raise Refusal("noRecordsMatch", "No publication matches these arguments.")
    answer = SubElement(root, f"{{{OAI}}}{'ListRecords' if with_metadata else 'ListIdentifiers'}")
    groups = repository.sites()
    group_name = _group_name(request)
    for page in chosen:
        if with_metadata:
            _full_record(answer, page, metadata_format, groups, request, group_name)
        else:
            _header(answer, page, groups)
    shown = harvest["cursor"] + len(chosen)
    more = pages.filter(pk__gt=chosen[-1].pk).exists()
    if more or harvest["cursor"]:
        token = SubElement(answer, f"{{{OAI}}}resumptionToken", completeListSize=str(total),
                           cursor=str(harvest["cursor"]))  # fmt: skip
        if more:
            following = {**harvest, "after": chosen[-1].pk, "cursor": shown}
            token.text = signing.dumps(following, salt=TOKEN_SALT)
            expires = timezone.now() + datetime.timedelta(seconds=TOKEN_SECONDS)
            token.set(
                "expirationDate", expires.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            )


def list_identifiers(request, arguments, root):
    _list(request, arguments, root, with_metadata=False)


def list_records(request, arguments, root):
    _list(request, arguments, root, with_metadata=True)


ANSWERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}
