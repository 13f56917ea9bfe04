# fish completion for hd: candidates with descriptions from `hd __complete`.
function __hd_complete
    set -l words (commandline -opc)
    set -e words[1]
    command hd __complete $words (commandline -ct) 2>/dev/null
end
complete -c hd -f -a '(__hd_complete)'
