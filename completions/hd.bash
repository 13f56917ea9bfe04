# bash completion for hd: commands, options, option values, agents and ticket ids.
# Installed to bash-completion's completions directory; or: source <(hd completion bash)
_hd() {
    local IFS=$'\n'
    local cur=${COMP_WORDS[COMP_CWORD]}
    local -a words=()
    local i
    # bash splits --option=value at '=' (COMP_WORDBREAKS): glue the earlier ones back together, and
    # hand hd the one being typed as an option and a value, since bash completes only the value.
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == = && ${words[-1]-} == -* ]] && ((i + 1 < COMP_CWORD)); then
            words[-1]+="=${COMP_WORDS[i + 1]}"
            ((i++))
        elif [[ ${COMP_WORDS[i]} == = && ${words[-1]-} == -* ]]; then
            : # --option = value-being-typed: the value follows as its own word
        else
            words+=("${COMP_WORDS[i]}")
        fi
    done
    [[ $cur == = ]] && cur=
    words+=("$cur")
    local candidates
    candidates=$(command hd __complete "${words[@]}" 2>/dev/null | cut -f1)
    # shellcheck disable=SC2207
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -F _hd hd
