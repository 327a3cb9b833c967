#!/bin/bash
# Every language: Unicode forms, accents, elision, possessives, CJK, stopwords
# and --lang auto, each checked where a document is indexed (it is found), in
# the query (other spellings of the word find it) and in the snippet (the
# word is highlighted as the document writes it).
. "$TESTS_LIB"
D="$WORK/docs"
mkdir -p "$D" && : >"$D/.sift-ids" # IDs relative to the folder (sourceid.h)
w() { printf '%s\n%s\n' "$2" "$3" >"$D/$1.txt"; }
w en 'Russia’s mission to NATO' "NATO halves Russia’s mission; ＮＡＴＯ and the ﬁnance of Russia's brûle$(printf '\xcc\x81')e café."
w fr 'L’économie de la France' "L'économie française et le café du coin. Les universités d'été ouvrent."
w it 'La storia' "La storia dell'arte italiana e l'università."
w de 'Herr Müller' 'Herr Müller wohnt in der Straße; die Häuser sind alt.'
w es 'La canción' 'La nación española celebra la canción del año en Málaga.'
w ru 'Новый закон' 'Новый закон о ёлках принят. Все ёлки зелёные.'
w el 'Η ΣΟΦΙΑ ΤΟΥ ΛΑΟΥ' 'Η σοφία του λαού. Ο σοφός άνθρωπος ΞΕΡΕΙ.'
w zh '北京会议纪要' '今天在北京举行了会议。北京的会议很重要，北京欢迎你。'
w zh2 '南京天气' '南京的天气很好。有人去了北京。'
w zh3 '南京' '南京的天气很好，mixed南京text。— ’crème南京’'
w ja '東京都の天気' '東京都の天気は晴れです。'
w ja2 '旅行の日記' '昨日は京都に行きました。'
w ko '서울 회의' '서울에서 회의가 열렸습니다.'
w ko2 '부산 바다' '부산은 바다가 아름답습니다.'
"$INDEXER" --db "$WORK/idx" "$D" >/dev/null || fail "indexer failed"
S=("$SEARCH" --db "$WORK/idx" --format json)

# finds QUERY ID HIGHLIGHT: QUERY finds the document ID, and its snippet
# highlights HIGHLIGHT (lower-cased), the word as the document writes it.
finds() {
    run "${S[@]}" -- "$1"
    expect_rc 0 "$1"
    "$JSON_CHECK" --has-id "$2" --highlight "$3" <<<"$OUT" || fail "$1: not $2 with $3 highlighted: $OUT"
}
# misses QUERY ID: QUERY does not find ID.
misses() {
    run "${S[@]}" -- "$1"
    "$JSON_CHECK" --no-id "$2" <<<"$OUT" || fail "$1 finds $2: $OUT"
}

# Accents: either way round, in every language; phrases, wildcards, title:.
finds cafe fr café
finds café en café
finds CAFÉ fr café
finds muller de müller
finds Müller de müller
finds nacion es nación
finds cancion es canción
finds malaga es málaga
finds σοφια el σοφία
finds σοφός el σοφός
finds елки ru ёлки
run "${S[@]}" '"herr muller"'
"$JSON_CHECK" --has-id de --highlight-prefix 'herr müller' <<<"$OUT" || fail "phrase herr muller: $OUT"
finds 'mül*' de müller
finds 'title:muller' de müller
finds 'title:ECONOMIE' fr 'l’économie'
finds '"canción del ano"' es 'canción del año'
# Unicode forms: compatibility (full width, ligature), case folding (final
# sigma, ß), combining accents against precomposed ones.
finds nato en nato
finds 'ＮＡＴＯ' en nato
finds finance en ﬁnance
finds 'ﬁnance' en ﬁnance
finds ΣΟΦΟΣ el σοφός
finds ξερει el ΞΕΡΕΙ
finds strasse de straße
finds STRASSE de straße
finds brûlée en "brûle$(printf '\xcc\x81')e"
finds "cafe$(printf '\xcc\x81')" fr café
# Elision and possessives, curly or straight apostrophes.
finds economie fr 'l’économie'
finds "l'économie" fr 'l’économie'
finds été fr "d'été"
finds arte it "dell'arte"
finds universita it "l'università"
finds russia en 'russia’s'
finds "russia's" en 'russia’s'
finds 'russia’s' en 'russia’s'
# Chinese, Japanese, Korean: a word inside a sentence, found where its
# characters stand together only, highlighted, and ranked by how often.
finds 北京 zh 北京
misses 北京 zh3
run "${S[@]}" 北京
"$JSON_CHECK" --first-id zh <<<"$OUT" || fail "北京: zh (three times) not first: $OUT"
finds 南京 zh3 南京
finds 東京 ja 東京
misses 東京 ja2
finds 京都 ja2 京都
finds 서울 ko 서울
misses 서울 ko2
finds 회의 ko 회의
finds text zh3 text
finds creme zh3 crème
finds mixed zh3 mixed
finds '"天气很好"' zh2 天气很好
finds 'title:会议' zh 会议
run "${S[@]}" --natural '北京 会议'
"$JSON_CHECK" --first-id zh <<<"$OUT" || fail "--natural 北京 会议: $OUT"

# The spelling table holds the words folded, as they are searched: an
# accented word typed is not "corrected" to its folded form; a misspelt one
# is corrected to a word that finds the document.
run "${S[@]}" 'Müller straße'
[[ "$OUT" == *'"suggestion":null'* ]] || fail "Müller straße: a suggestion: $OUT"
run "${S[@]}" 'mullr'
[[ "$OUT" == *'"suggestion":"muller"'* ]] || fail "mullr: not corrected to muller: $OUT"
finds 'econ*' fr 'l’économie'
finds 'ёлк*' ru 'ёлки'

# Leading and inner wildcards are refused, never silently changed.
for q in '*phone' 'mil*ry' 'title:*ria'; do
    run "$SEARCH" --db "$WORK/idx" -- "$q"
    expect_rc 2 "$q"
    expect_err "a wildcard can only end a word" "$q"
done

# Stopwords of each language with a list: in a French index, "le café"
# leaves "le" out (else the document without café would match).
mkdir -p "$WORK/fr" && : >"$WORK/fr/.sift-ids"
printf 'Le chat\nLe chat dort.\n' >"$WORK/fr/chat.txt"
printf 'Un café\nUn café noir.\n' >"$WORK/fr/cafe.txt"
"$INDEXER" --db "$WORK/fridx" --lang french "$WORK/fr" >/dev/null || fail "indexer --lang french"
run "$SEARCH" --db "$WORK/fridx" --format json 'le café'
"$JSON_CHECK" --has-id cafe --no-id chat <<<"$OUT" || fail "french stopword kept: $OUT"
run "$SEARCH" --db "$WORK/fridx" --format json '"le chat"'
"$JSON_CHECK" --has-id chat <<<"$OUT" || fail "stopword in a phrase: $OUT"
# stopword LANG STOP WORD: in an index of LANG, "STOP WORD" does not find a
# document holding STOP only.
stopword() {
    mkdir -p "$WORK/$1" && : >"$WORK/$1/.sift-ids"
    printf 'one
%s x
' "$2" >"$WORK/$1/stop.txt"
    printf 'two
%s
' "$3" >"$WORK/$1/word.txt"
    "$INDEXER" --db "$WORK/$1.idx" --lang "$1" "$WORK/$1" >/dev/null || fail "indexer --lang $1"
    run "$SEARCH" --db "$WORK/$1.idx" --format json "$2 $3"
    "$JSON_CHECK" --has-id word --no-id stop <<<"$OUT" || fail "$1 stopword $2 kept: $OUT"
}
stopword german der Straße
stopword spanish los canción
stopword russian было ёлки
stopword italian della storia
run "$SEARCH" --db "$WORK/german.idx" --format json "DER straße" # capitals and all
"$JSON_CHECK" --no-id stop <<<"$OUT" || fail "german stopword in capitals kept: $OUT"

# --lang auto: each document stemmed as its own language. German's stemmer
# makes Häuser haus, English's does not; French's makes économies econom.
mkdir -p "$WORK/mixed" && : >"$WORK/mixed/.sift-ids"
printf 'The houses of the city\nThe old houses of the city are being rebuilt by the council after the storm last winter.\n' >"$WORK/mixed/en.txt"
printf 'Die Häuser der Stadt\nDie alten Häuser der Stadt werden nach dem Sturm im letzten Winter vom Rat wieder aufgebaut.\n' >"$WORK/mixed/de.txt"
printf 'Les économies de la ville\nLes économies de la ville ont été dépensées pour reconstruire les maisons après la tempête.\n' >"$WORK/mixed/fr.txt"
run "$INDEXER" --db "$WORK/auto" --lang auto "$WORK/mixed"
expect_rc 0 "indexer --lang auto"
A=("$SEARCH" --db "$WORK/auto" --format json)
run "${A[@]}" haus
"$JSON_CHECK" --has-id de --highlight häuser <<<"$OUT" || fail "auto: haus does not find Häuser: $OUT"
run "${A[@]}" house
"$JSON_CHECK" --has-id en --no-id de --highlight houses <<<"$OUT" || fail "auto: house: $OUT"
run "${A[@]}" économie
"$JSON_CHECK" --has-id fr --highlight économies <<<"$OUT" || fail "auto: économie: $OUT"
run "$SEARCH" --db "$WORK/idx" --format json --correct haus # only by spelling correction
[[ "$OUT" == *'"corrected":true'* ]] || fail "an English index stems Häuser as haus: $OUT"
# The language is the index's: asking for another on it is refused.
run "$INDEXER" --db "$WORK/auto" --lang german "$WORK/mixed"
expect_rc 2 "--lang german on an auto index"
finish
