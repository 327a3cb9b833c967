# Bash completion for sift's programs, indexer and search. Installed as
# bash-completion/completions/indexer and .../search (the same file);
# without bash-completion, source it from ~/.bashrc.
# tests/cli/man_pages.sh checks that every option of --help is offered.

_sift_indexer_options='--db --lang --rebuild --shards --jobs --commit-every
  -L --follow --convert --read-timeout --read-memory --list-languages
  --remove --prune
  -h --help -V --version'

_sift_search_options='--db -n --limit -l --files-with-matches --offset
  --format --color --colour --batch -j --jobs --run-tag --like --timeout
  --natural --rank --rank-params --correct --qrels --per-query -h --help
  --stats --list --date --type --path --author --sort --facets -c --count
  -q --quiet --show --serve --token --public --threads --access-log
  -V --version'

# Fallback when the program cannot be asked (indexer --list-languages).
_sift_languages='arabic armenian basque catalan danish dutch english finnish
  french german greek hindi hungarian indonesian irish italian lithuanian
  nepali norwegian porter portuguese romanian russian serbian spanish swedish
  tamil turkish yiddish'

# _sift_reply WORDS: the words of WORDS that start with $cur.
_sift_reply() {
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# _sift_files [-d]: file and folder names (-d: folders only).
_sift_files() {
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen "${1:--f}" -- "$cur")
}

# Sets cur and prev, the word being completed and the one before it, with
# --opt=value read as --opt value (bash splits words at '=').
_sift_words() {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    # After "--" every word is an operand.
    ended=0
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == -- ]] && ended=1
    done
}

_sift_indexer() {
    local cur prev ended
    _sift_words
    COMPREPLY=()
    if ((!ended)); then
        case $prev in
        --db) _sift_files -d; return ;;
        --lang)
            local langs
            langs=$("${COMP_WORDS[0]}" --list-languages 2>/dev/null) || langs=$_sift_languages
            _sift_reply "auto none list $langs"
            return ;;
        --shards | --jobs | --commit-every | --convert | --read-timeout | --read-memory)
            return ;; # a number, or EXT=COMMAND: nothing to offer
        esac
        if [[ $cur == -* ]]; then
            _sift_reply "$_sift_indexer_options"
            return
        fi
    fi
    _sift_files
}

_sift_search() {
    local cur prev ended
    _sift_words
    COMPREPLY=()
    ((ended)) && return # a query
    case $prev in
    --db | --batch | --qrels) _sift_files; return ;; # --db: a folder, or a stub file
    --format) _sift_reply 'text json trec'; return ;;
    --color | --colour) _sift_reply 'auto always never'; return ;;
    --rank) _sift_reply 'full bm25'; return ;;
    --sort) _sift_reply 'relevance date -date'; return ;;
    --type) _sift_reply 'text html markdown pdf mail docx odt epub jsonl'; return ;;
    --path) _sift_files; return ;;
    --facets) _sift_reply 'type year month author lang'; return ;;
    --date | --author | --show | --serve | --threads) return ;;
    --token) _sift_files; return ;;
    --rank-params)
        compopt -o nospace 2>/dev/null
        _sift_reply 'feedback= feedback-docs= feedback-terms= proximity-words=
            proximity-weight= window= weighting= expansion='
        return ;;
    -n | --limit | --offset | -j | --jobs | --run-tag | --like | --timeout)
        return ;; # a number, a tag or a source ID
    esac
    [[ $cur == -* ]] && _sift_reply "$_sift_search_options"
}

complete -F _sift_indexer indexer
complete -F _sift_search search
