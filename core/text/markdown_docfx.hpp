// DocFX Markdown extensions (Microsoft's documentation dialect) turned into plain CommonMark before parsing.
#pragma once

#include <string>
#include <string_view>

namespace hd {

// What becomes of the alert marker that opens a DocFX note ("> [!NOTE]", "> [!WARNING]"…).
enum class DocfxAlerts {
    drop,   // gone: plain text for the search index
    label,  // "**Note:**", which joins the note's first line as GNOME's "> **Note:**" does
};

// The article with DocFX syntax a Markdown parser would show as noise rewritten: ":::image …:::"
// and other ":::" directives removed (":::no-loc text="X":::" keeps X, and "(" ")" left around a
// removed inline icon go too), "[!INCLUDE […](…)]" removed (includes are not imported), alert
// markers per `alerts`, "[!div …]" removed and "[!VIDEO url]" made a link. A line that held only
// a directive is removed with its line end, so the paragraph around it stays one paragraph.
// Fenced code blocks are copied untouched. Linear in the size of the text.
std::string docfx_to_commonmark(std::string_view markdown, DocfxAlerts alerts);

}  // namespace hd
