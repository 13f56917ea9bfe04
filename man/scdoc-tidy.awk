# Drops the paragraph macros that scdoc emits where they do nothing (before and after a section
# heading, before the end of an indented block), which `mandoc -T lint` reports as warnings.
# A paragraph break just before .RE moves after it, where it separates the blocks as before.
# Usage: scdoc < page.scd | awk -f scdoc-tidy.awk > page.N
$0 == ".P" { pending = 1; next }
$0 == ".RE" { print; next }
/^\.S[HS]( |$)/ { pending = 0; print; heading = 1; next }
{
    if (pending && !heading) print ".P"
    pending = 0
    heading = 0
    print
}
