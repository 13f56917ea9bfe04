# Drives bash's programmable completion as readline would for a Tab at the end of LINE, and prints
# COMPREPLY one a line:   bash --norc --noprofile complete-bash.sh LINE
# With HD_BASH_LOADER=1, bash-completion is loaded and finds hd's script on its own (the dynamic
# loader, from $XDG_DATA_HOME/bash-completion/completions/hd or the system directory); otherwise the
# script is sourced from `hd completion bash`. The completion function is the one `complete -p hd`
# names, called with COMP_LINE, COMP_POINT, COMP_WORDS and COMP_CWORD split at blanks and at '='
# (one of readline's COMP_WORDBREAKS), as bash itself sets them.
# shellcheck shell=bash
line=$1
if [ "${HD_BASH_LOADER:-}" = 1 ]; then
    # shellcheck disable=SC1091
    . /usr/share/bash-completion/bash_completion || exit 2
    __load_completion hd || { echo "bash-completion found no completion for hd" >&2; exit 2; }
else
    # shellcheck disable=SC1090
    source <(hd completion bash) || exit 2
fi
spec=$(complete -p hd) || exit 2
[[ $spec =~ -F\ ([^ ]+) ]] || { echo "no completion function in: $spec" >&2; exit 2; }
function=${BASH_REMATCH[1]}

COMP_WORDS=()
word=""
for ((i = 0; i < ${#line}; i++)); do
    c=${line:i:1}
    if [ "$c" = " " ]; then
        [ -n "$word" ] && COMP_WORDS+=("$word")
        word=""
    elif [ "$c" = "=" ]; then
        [ -n "$word" ] && COMP_WORDS+=("$word")
        COMP_WORDS+=("=")
        word=""
    else
        word+=$c
    fi
done
# The word being completed: what follows the last break ("" after a blank; after '=', the value).
if [ -n "$word" ]; then
    COMP_WORDS+=("$word")
elif [ "${line: -1}" = " " ]; then
    COMP_WORDS+=("")
fi
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
COMP_TYPE=9
COMP_KEY=9
COMPREPLY=()
"$function" hd "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
