# Fish completion for sift's programs, indexer and search. Installed as
# fish/vendor_completions.d/indexer.fish and .../search.fish (the same file).
# tests/cli/man_pages.sh checks that every option of --help is here.

# indexer: PATH... are files and folders (fish's default).
complete -c indexer -l db -r -f -a '(__fish_complete_directories)' -d 'the index folder'
complete -c indexer -l lang -x -a 'auto none list (indexer --list-languages 2>/dev/null)' -d 'stemming language of a new index'
complete -c indexer -l rebuild -d 'build a new index from PATH only, then swap it in'
complete -c indexer -l shards -x -d 'split a new index into N shards'
complete -c indexer -l jobs -x -d 'threads that build a new index'
complete -c indexer -l commit-every -x -d 'commit every N documents'
complete -c indexer -s L -l follow -d 'follow every symbolic link'
complete -c indexer -l convert -x -d 'EXT=COMMAND: read .EXT files with COMMAND FILE'
complete -c indexer -l read-timeout -x -d 'stop a reader silent for S seconds'
complete -c indexer -l read-memory -x -d 'a reader\'s memory in MiB'
complete -c indexer -l list-languages -d 'list the languages'
complete -c indexer -s h -l help -d 'show the help'
complete -c indexer -s V -l version -d 'show the version'

# search: the words are a query, never files.
complete -c search -f
complete -c search -l db -r -F -d 'index folder or stub file'
complete -c search -s n -l limit -x -d 'at most N hits per query'
complete -c search -s l -l files-with-matches -d 'print the files that match'
complete -c search -l offset -x -d 'skip the first N hits'
complete -c search -l format -x -a 'text json trec' -d 'output format'
complete -c search -l color -l colour -x -a 'auto always never' -d 'colour the matches'
complete -c search -l batch -r -F -d 'one query per line of FILE (- = stdin)'
complete -c search -s j -l jobs -x -d 'with --batch: N queries at a time'
complete -c search -l run-tag -x -d 'run tag for --format trec'
complete -c search -l like -x -d 'documents like SOURCE_ID'
complete -c search -l timeout -x -d 'stop a query after SECONDS'
complete -c search -l natural -d 'queries as natural language'
complete -c search -l rank -x -a 'full bm25' -d 'ranking'
complete -c search -l rank-params -x -a 'feedback= feedback-docs= feedback-terms= proximity-words= proximity-weight= window= weighting= expansion=' -d 'ranking settings'
complete -c search -l correct -d 'search the spelling correction of a query that found nothing'
complete -c search -l qrels -r -F -d 'with --batch: score against judgments in FILE'
complete -c search -l per-query -d 'with --qrels: every query\'s measures'
complete -c search -s h -l help -d 'show the help'
complete -c search -s V -l version -d 'show the version'
