/*
 * assets.c - the page's style sheet and script, compiled in and served
 * from fixed routes: nothing loads from outside the server, and the
 * Content-Security-Policy needs no 'unsafe-inline'. The script only
 * enhances: "/" focuses the search box, j and k (or the arrow keys) move
 * between hits, Enter follows the one in focus.
 */
#include <string.h>

#include "server.h"

static const char CSS[] =
    ":root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#595959;--link:#0645ad;--mark:#ffe066;"
    "--line:#d0d0d0;--focus:#0b57d0}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#141414;--muted:#b0b0b0;--link:#8ab4f8;"
    "--mark:#7a5c00;--line:#3a3a3a;--focus:#8ab4f8}}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:var(--fg);"
    "background:var(--bg)}\n"
    "header,main{max-width:50rem;margin:0 auto;padding:0 1rem}\n"
    "header{padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}\n"
    "label{display:block;font-weight:600;margin-bottom:.25rem}\n"
    ".box{display:flex;gap:.5rem}\n"
    "input[type=search]{flex:1;min-width:0;font:inherit;padding:.5rem .75rem;border:1px solid var(--muted);"
    "border-radius:.375rem;background:var(--bg);color:var(--fg)}\n"
    "button{font:inherit;padding:.5rem 1rem;border:1px solid var(--link);border-radius:.375rem;"
    "background:var(--link);color:var(--bg);cursor:pointer}\n"
    "a{color:var(--link)}\n"
    ":focus-visible{outline:3px solid var(--focus);outline-offset:2px}\n"
    ".count,.suggest,.hint{color:var(--muted)}\n"
    ".error{color:#b00020;font-weight:600}\n"
    "ol.hits{list-style:none;padding:0;margin:0}\n"
    ".hit{padding:.75rem 0;border-bottom:1px solid var(--line)}\n"
    ".hit h2{font-size:1.1rem;margin:0;overflow-wrap:anywhere}\n"
    ".rank{color:var(--muted);font-weight:400}\n"
    ".meta{margin:.1rem 0;font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}\n"
    ".meta>*+*::before{content:\"\\00b7\";margin:0 .4em}\n"
    ".snippet{margin:.25rem 0 0}\n"
    "mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:.2em}\n"
    ".pages{display:flex;justify-content:space-between;padding:1rem 0}\n"
    ".hit.current{background:color-mix(in srgb,var(--focus) 10%,transparent)}\n";

static const char JS[] =
    "'use strict';\n"
    "(function () {\n"
    "  var box = document.getElementById('q');\n"
    "  var links = Array.prototype.slice.call(document.querySelectorAll('.hit h2 a'));\n"
    "  var at = -1;\n"
    "  function go(i) {\n"
    "    if (!links.length) return;\n"
    "    at = Math.max(0, Math.min(links.length - 1, i));\n"
    "    links[at].focus();\n"
    "  }\n"
    "  document.addEventListener('keydown', function (e) {\n"
    "    if (e.ctrlKey || e.metaKey || e.altKey) return;\n"
    "    var typing = document.activeElement === box;\n"
    "    if (e.key === '/' && !typing) { e.preventDefault(); box.focus(); box.select(); return; }\n"
    "    if (typing) { if (e.key === 'ArrowDown') { e.preventDefault(); go(0); } return; }\n"
    "    if (e.key === 'j' || e.key === 'ArrowDown') { e.preventDefault(); go(at + 1); }\n"
    "    else if (e.key === 'k' || e.key === 'ArrowUp') { e.preventDefault(); if (at <= 0) box.focus(); else go(at - 1); }\n"
    "  });\n"
    "  links.forEach(function (a, i) { a.addEventListener('focus', function () { at = i; }); });\n"
    "})();\n";

enum MHD_Result asset(struct MHD_Connection *c, request *r, const char *path, int *found)
{
    *found = 1;
    if (strcmp(path, "/static/sift.css") == 0)
        return reply_static(c, r, MHD_HTTP_OK, "text/css; charset=utf-8", CSS, sizeof CSS - 1);
    if (strcmp(path, "/static/sift.js") == 0)
        return reply_static(c, r, MHD_HTTP_OK, "text/javascript; charset=utf-8", JS, sizeof JS - 1);
    *found = 0;
    return MHD_NO;
}
