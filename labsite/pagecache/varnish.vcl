# Varnish in front of labsite's gunicorn (docs/deployment.md shows the whole chain).
#
# What it relies on from labsite (labsite/pagecache/):
# - a public page says how long a proxy may keep it: Cache-Control s-maxage, only when
#   FRONTEND_CACHE_URL is set, because only then does labsite purge on every change;
# - a page that belongs to one visitor (a form's CSRF token, a cookie) says private;
# - on a change labsite sends PURGE for the home address of each site it can show on, and any
#   change may show on any page of that site (a person's name is on dozens), so a PURGE drops
#   the whole host, and the pages that list every group's records (X-Labsite-Scope).
#
# Edit the backend to where gunicorn listens, and the purgers to where labsite runs; start
# varnishd with the parameters in varnishd.params beside this file.
vcl 4.1;

backend labsite {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # One entry per site, whatever port a client or labsite's purge names. (Tested before it
    # is rewritten: most requests name no port, and a match is cheaper than a substitution.)
    if (req.http.host ~ ":") {
        set req.http.host = regsub(req.http.host, ":[0-9]+$", "");
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is allowed to labsite only"));
        }
        # obj.http.* (not req.*) lets the ban lurker clear old objects in the background.
        ban("obj.http.x-labsite-host == " + req.http.host);
        # Pages listing every group's records (a department's front page) show this host's too.
        ban("obj.http.x-labsite-scope == every-site");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|documents)/") {
        return (pass);
    }
    if (req.http.Cookie) {
        # Signed-in editors, and visitors with a message waiting, see the live site.
        if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
            return (pass);
        }
        # Any other cookie (a CSRF token from an earlier form) changes no public page.
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.x-labsite-host = bereq.http.host;
    # Kept without what describes only gunicorn's answer: its name, and whether labsite's own
    # page cache had a copy (on a Varnish hit that would say nothing true). Dropped here, once
    # per fetch, rather than on each delivery: every header is copied, logged and sent per hit.
    unset beresp.http.Server;
    unset beresp.http.X-Page-Cache;
    if (beresp.http.Content-Type ~ "^(text/|application/(rss|atom|json|xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # Everything else (private, no-store, Set-Cookie, s-maxage) as Varnish's built-in rules.
}

sub vcl_deliver {
    unset resp.http.x-labsite-host;
    unset resp.http.x-labsite-scope;
    if (obj.hits > 0) {
        set resp.http.X-Proxy-Cache = "hit";
    } else {
        set resp.http.X-Proxy-Cache = "miss";
    }
}
