package com.vocelio.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.platform.rest.BadPaths.Problem;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BadPathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/agents",
                "/api/departments/3f2c9a0e-1b7d-4c55-9e1a-0c6f5b2d7e11",
                "/agents/a%20b",
                "/agents/%C3%A9t%C3%A9",
                "/agents/caf\u00c3\u00a9", // raw UTF-8 bytes of "café", one character per byte
                "/agents/a%01b", // a control character other than NUL is the application's to name (InputGuard)
                "/console/javax.faces.resource/theme.css.xhtml",
                "/a/b/../c",
                "/a/./b",
                "/.well-known/x",
                "/a/..b/c",
                "/agents/%2e%2e", // "/agents/.." is the root
                "/agents?x=%zz"
            })
    void pathsTheContainerTakesPass(String path) {
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        assertEquals(Optional.empty(), BadPaths.problem(withoutQuery), path);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ' ',
            value = {
                "/agents/%zz MALFORMED_ESCAPE",
                "/agents/%2 MALFORMED_ESCAPE",
                "/auth/login% MALFORMED_ESCAPE",
                "/api/departments/x%g0 MALFORMED_ESCAPE",
                "/agents/%%41 MALFORMED_ESCAPE",
                "/agents/a%00b NUL",
                "/api/departments/%00 NUL",
                "/agents/%5C BACKSLASH",
                "/agents/%5c BACKSLASH",
                "/agents/a\\b BACKSLASH",
                "/agents/a%2Fb ENCODED_SLASH",
                "/api/departments/%2f ENCODED_SLASH",
                "/agents/%ff INVALID_UTF8",
                "/agents/%c3%28 INVALID_UTF8",
                "/agents/%c3 INVALID_UTF8",
                "/agents/\u00ff INVALID_UTF8",
                "/../etc/passwd ABOVE_ROOT",
                "/agents/%2e%2e/%2e%2e/x ABOVE_ROOT",
                "/a/../../b ABOVE_ROOT",
                "/..;x/b ABOVE_ROOT",
                "/agents/.%2E/.. ABOVE_ROOT"
            })
    void pathsTheContainerCannotTakeAreNamed(String path, Problem problem) {
        assertEquals(Optional.of(problem), BadPaths.problem(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"malformed_escape", "nul", "backslash", "encoded_slash", "invalid_utf8", "above_root"})
    void eachProblemTravelsByItsCode(String code) {
        assertEquals(code, BadPaths.Problem.ofCode(code).orElseThrow().code());
    }
}
