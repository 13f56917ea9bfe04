# Drives zsh's real completion system without a terminal of our own: starts an interactive `zsh -f`
# on a pseudo-terminal (the zpty module), runs compinit there, types LINE and a Tab, and prints what
# the completion offered, one match a line ("match" or "match -- description"), from a capture file
# that a wrapper around compadd writes (so the terminal's output need not be parsed).
#   zsh -f complete-zsh.zsh MODE LINE
# MODE: "fpath DIR" style is given by the environment: HD_ZSH_FPATH=DIR puts DIR (holding _hd) on
# $fpath before compinit; HD_ZSH_SOURCE=FILE sources FILE after compinit instead (what
# `source <(hd completion zsh)` does). Exits 2 if the completion did not finish within 10 s.
emulate -L zsh
zmodload zsh/zpty || exit 2

local line=$1
local dir=${TMPDIR:-/tmp}/hd-zsh.$$
mkdir -p $dir || exit 2
local capture=$dir/capture done=$dir/done setup=$dir/setup.zsh
: >$capture

cat >$setup <<EOF
PROMPT= RPROMPT= PS2=
stty cols 200 2>/dev/null
unsetopt beep
${HD_ZSH_FPATH:+fpath=(${(q)HD_ZSH_FPATH} \$fpath)}
autoload -U compinit && compinit -u -D
${HD_ZSH_SOURCE:+source ${(q)HD_ZSH_SOURCE}}
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
bindkey '^I' complete-word
# Every match the completion functions add, with its display string, goes to the capture file.
compadd() {
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "\$@"; return; fi
    local -a __hits __dscr
    local __d=\${@[(i)-d]}
    if (( __d < \$# )); then
        local __n=\${@[__d+1]}
        if [[ \$__n == \(* ]]; then eval "__dscr=\$__n"; else __dscr=("\${(@P)__n}"); fi
    fi
    builtin compadd -A __hits -D __dscr "\$@"
    local i
    for (( i = 1; i <= \$#__hits; i++ )); do
        if (( \$#__dscr >= i )) && [[ \$__dscr[i] == *' -- '* ]]; then
            print -r -- "\$__hits[i] -- \${__dscr[i]#* -- }"
        else
            print -r -- "\$__hits[i]"
        fi
    done >>${(q)capture}
}
hd_done() { : >${(q)done}; }
comppostfuncs=(hd_done)
EOF

zpty hdz zsh -f -i || exit 2
zpty -w hdz "source ${(q)setup}"
zpty -w -n hdz "$line"$'\t'
local i out
for (( i = 0; i < 200; i++ )); do
    [[ -e $done ]] && break
    zpty -r -t hdz out 2>/dev/null  # keep the terminal drained
    sleep 0.05
done
zpty -d hdz
local rc=0
if [[ -e $done ]]; then cat $capture; else print -u2 "zsh: completion of '$line' did not finish"; rc=2; fi
rm -rf $dir
exit $rc
