# bash completion for hd: commands, options, option values, agents and ticket ids.
# Installed to bash-completion's completions directory; or: source <(hd completion bash)
_hd() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local IFS=$'\n'
    local candidates
    candidates=$(command hd __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null | cut -f1)
    # shellcheck disable=SC2207
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -F _hd hd
