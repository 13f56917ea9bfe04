// Tests of language detection (CLD2) and of the language codes hd accepts.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "core/text/language.hpp"

using Lang = std::optional<std::string>;

TEST_CASE("a sentence is detected in each supported language") {
    CHECK(hd::detect_language("The printer on the third floor is jammed again and nobody can print.") == Lang("en"));
    CHECK(hd::detect_language("Tôi không thể đăng nhập vào máy tính vì đã quên mật khẩu.") == Lang("vi"));
    CHECK(hd::detect_language("Nie mogę połączyć się z siecią VPN, ponieważ hasło wygasło.") == Lang("pl"));
    CHECK(hd::detect_language("Я не могу подключиться к сети, потому что забыл пароль.") == Lang("ru"));
    CHECK(hd::detect_language("Der Drucker im dritten Stock druckt nicht mehr, das Papier klemmt.") == Lang("de"));
    CHECK(hd::detect_language("Je n'arrive pas à me connecter au réseau privé virtuel depuis ce matin.") == Lang("fr"));
    CHECK(hd::detect_language("Olvidé mi contraseña y no puedo entrar en el correo electrónico.") == Lang("es"));
}

TEST_CASE("a help-article paragraph with Markdown is detected") {
    CHECK(hd::detect_language("# Thay đổi mật khẩu của bạn\n\nBạn nên đổi mật khẩu thường xuyên, đặc biệt nếu bạn "
                              "nghĩ ai đó biết mật khẩu của bạn.\n\n1. Nhấn vào tên bạn trên thanh đỉnh.") ==
          Lang("vi"));
    CHECK(hd::detect_language("# Изменение пароля\n\nПолезно время от времени менять свой пароль, особенно если вы "
                              "думаете, что кто-то ещё знает ваш пароль.\n\n1. Откройте **Обзор** и начните "
                              "вводить: **Система**.") == Lang("ru"));
}

TEST_CASE("a clear language is taken even when part of the sentence is not scored") {
    // CLD2 calls this unreliable (the English product name is unscored) but sees nothing else.
    CHECK(hd::detect_language("Ваш адаптер или приёмник Bluetooth может быть не распознан компьютером.") == Lang("ru"));
}

TEST_CASE("short, meaningless or invalid text has no language") {
    CHECK(hd::detect_language("") == std::nullopt);
    CHECK(hd::detect_language("ok") == std::nullopt);
    CHECK(hd::detect_language("mat khau") == std::nullopt);  // CLD2 would guess Norwegian at best effort
    CHECK(hd::detect_language("asdf qwer zxcv") == std::nullopt);
    CHECK(hd::detect_language("12345 !!! 678 ???") == std::nullopt);
    CHECK(hd::detect_language("\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82") == std::nullopt);
    CHECK(hd::detect_language("Der Drucker druckt nicht \xff\xfe mehr, das Papier klemmt.") == std::nullopt);
}

TEST_CASE("the supported languages are the seven hd documents") {
    CHECK(hd::supported_languages() == std::vector<std::string>{"en", "vi", "pl", "ru", "de", "fr", "es"});
}

TEST_CASE("a language code is two lower-case ASCII letters") {
    CHECK(hd::is_language_code("en"));
    CHECK(hd::is_language_code("vi"));
    CHECK_FALSE(hd::is_language_code("EN"));
    CHECK_FALSE(hd::is_language_code("eng"));
    CHECK_FALSE(hd::is_language_code("e"));
    CHECK_FALSE(hd::is_language_code(""));
    CHECK_FALSE(hd::is_language_code("e1"));
    CHECK_FALSE(hd::is_language_code("zh-Hant"));
}
