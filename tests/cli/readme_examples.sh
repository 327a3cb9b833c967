#!/bin/bash
# The README's examples are true for this build: every fenced block whose
# info string is `sh` is run, command by command (lines starting with `$ `),
# in one scratch folder holding a copy of corpus/, with `indexer` and
# `search` the programs under test and HOME a scratch one (so the default
# index is $HOME/.local/share/sift/index, shown as /home/me/...). Each line
# shown under a command must appear in its output, in order (stdout, else
# stderr); `…` stands for anything. A command ends with 0 unless it says
# `# exit N`. Then every relative link of README.md and docs/*.md must lead
# to a file, and an anchor to a heading of that file.
#   README_FILE=... picks another README (to see this test fail on a stale one).
. "$TESTS_LIB"
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
README_FILE=${README_FILE:-$TOP/README.md}

# The README runs them from the top of the repository, /home/me/sift.
CWD="$WORK/home/sift"
mkdir -p "$CWD"
cp -r "$CORPUS" "$CWD/corpus"
indexer() { "$INDEXER" "$@"; }
search() { "$SEARCH" "$@"; }
export -f indexer search
export INDEXER SEARCH

run env -u SIFT_DB -u XDG_DATA_HOME -u NO_COLOR -u COLUMNS HOME="$WORK/home" \
    python3 - "$README_FILE" "$CWD" <<'EOF'
import os, re, subprocess, sys

readme, cwd = sys.argv[1], sys.argv[2]
home = os.environ["HOME"]
lines = open(readme, encoding="utf-8").read().split("\n")

# [(line number, command, [expected lines])] from the ```sh blocks
examples, fence = [], None
i = 0
while i < len(lines):
    line = lines[i]
    if fence is None:
        m = re.match(r"^```(\w*)\s*$", line)
        if m:
            fence, commands = m.group(1), 0
    elif line.startswith("```"):
        fence = None
    elif fence == "sh" and line.startswith("$ "):
        start, cmd = i + 1, line[2:]
        while cmd.endswith("\\") and i + 1 < len(lines):
            i += 1
            cmd = cmd[:-1] + " " + lines[i].strip()
        examples.append((start, cmd, []))
        commands += 1
    elif fence == "sh" and commands:  # a block of commands without output is not run
        examples[-1][2].append(line)
    i += 1

failed = 0
if len(examples) < 5:
    print(f"only {len(examples)} examples found in {readme}")
    failed = 1

def matches(expected, line):
    """expected, with … standing for anything, is in line."""
    at = 0
    for frag in expected.split("…"):
        frag = frag.strip()
        if not frag:
            continue
        k = line.find(frag, at)
        if k < 0:
            return False
        at = k + len(frag)
    return True

for start, cmd, expected in examples:
    want_rc = 0
    m = re.search(r"\s+#\s*exit (\d+)\s*$", cmd)
    if m:
        want_rc, cmd = int(m.group(1)), cmd[: m.start()]
    p = subprocess.run(["bash", "-c", cmd], cwd=cwd, capture_output=True,
                       encoding="utf-8", errors="replace", timeout=60)
    where = f"README line {start}: $ {cmd}"
    if p.returncode != want_rc:
        print(f"{where}: exit status {p.returncode}, expected {want_rc}\n"
              f"stdout: {p.stdout}\nstderr: {p.stderr}")
        failed = 1
        continue
    streams = [p.stdout.split("\n"), p.stderr.split("\n")]
    cursor, missing = [0, 0], []
    for want in expected:
        want = want.replace("/home/me", home)
        if not want.replace("…", "").replace("...", "").strip():
            continue
        found = False
        for s in (0, 1):
            for k in range(cursor[s], len(streams[s])):
                if matches(want, streams[s][k]):
                    # a long line may be shown wrapped: the next piece
                    # may be on the same output line
                    cursor[s], found = k, True
                    break
            if found:
                break
        if not found:
            missing.append(want)
    if missing:
        print(f"{where}: not in its output (in this order):\n" + "\n".join(missing)
              + f"\nstdout: {p.stdout}\nstderr: {p.stderr}")
        failed = 1
print(f"{len(examples)} examples run")
sys.exit(failed)
EOF
expect_rc 0 "README examples"
[ "$RC" -eq 0 ] || echo "$OUT"

# Relative links: README.md and docs/*.md
run python3 - "$TOP" <<'EOF'
import os, re, sys

top = sys.argv[1]
files = [os.path.join(top, "README.md")] + sorted(
    os.path.join(top, "docs", f) for f in os.listdir(os.path.join(top, "docs")) if f.endswith(".md"))

def slug(heading):
    """GitHub's anchor for a heading."""
    s = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return s.replace(" ", "-")

def anchors(path):
    seen, out, fence = {}, set(), False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            fence = not fence
        m = None if fence else re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            s = slug(m.group(1))
            n = seen.get(s, 0)
            seen[s] = n + 1
            out.add(s if n == 0 else f"{s}-{n}")
    return out

bad = 0
count = 0
for f in files:
    text, fence = [], False
    for line in open(f, encoding="utf-8"):
        if line.startswith("```"):
            fence = not fence
        elif not fence:
            text.append(line)
    for target in re.findall(r"\]\(([^)\s]+)\)", "".join(text)):
        if re.match(r"^[a-z]+:", target):
            continue
        count += 1
        path, _, anchor = target.partition("#")
        dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
        rel = os.path.relpath(f, top)
        if not os.path.exists(dest):
            print(f"{rel}: link to a missing file: {target}")
            bad = 1
        elif anchor and dest.endswith(".md") and anchor not in anchors(dest):
            print(f"{rel}: link to a missing heading: {target}")
            bad = 1
print(f"{count} relative links checked")
sys.exit(bad)
EOF
expect_rc 0 "relative links"
[ "$RC" -eq 0 ] || echo "$OUT"
finish
