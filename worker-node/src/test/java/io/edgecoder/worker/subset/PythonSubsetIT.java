package io.edgecoder.worker.subset;

import static io.edgecoder.worker.subset.LanguageCheck.onlySyntaxError;
import static io.edgecoder.worker.subset.LanguageCheck.positions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.worker.subset.impl.PythonSubset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the real checker: /usr/bin/python3 under prlimit, parsing with the ast module. */
class PythonSubsetIT {
    private final LanguageCheck python = new LanguageCheck(SubsetChecker.PYTHON);

    @Test
    void typicalUnittestFileIsAllowed() {
        assertThat(python.check("tests/test_point.py", Sources.resource("unittest_ok.py"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"os", "subprocess", "multiprocessing", "socket", "ssl", "http.client",
        "urllib.request", "ftplib", "smtplib", "asyncio", "ctypes", "cffi", "importlib.util", "pty",
        "signal", "resource", "builtins", "pickle", "marshal", "runpy", "gc", "inspect", "code",
        "timeit", "logging.config", "logging.handlers", "concurrent.futures.process"})
    void refusedModuleIsReportedForEveryImportForm(String module) {
        String source = "import unittest\n"
                + "import " + module + "\n"
                + "import " + module + " as alias\n"
                + "from " + module + " import something\n"
                + "def f():\n"
                + "    import " + module + "\n";

        assertThat(positions(python.check("t/test_x.py", source)))
                .containsExactly(
                        tuple("t/test_x.py", 2, 1, "import:" + module),
                        tuple("t/test_x.py", 3, 1, "import:" + module),
                        tuple("t/test_x.py", 4, 1, "import:" + module),
                        tuple("t/test_x.py", 6, 5, "import:" + module));
    }

    static Stream<Arguments> refusedConstructs() {
        return Stream.of(
                Arguments.of("x = eval('1')", 5, "name:eval"),
                Arguments.of("exec('x = 1')", 1, "name:exec"),
                Arguments.of("c = compile('1', 'f', 'eval')", 5, "name:compile"),
                Arguments.of("m = __import__('o' + 's')", 5, "name:__import__"),
                Arguments.of("f = getattr(__builtins__, 'ev' + 'al')", 5, "dynamic-attribute:getattr"),
                Arguments.of("f = getattr(__builtins__, 'ev' + 'al')", 13, "name:__builtins__"),
                Arguments.of("e = ｅｖａｌ", 5, "name:eval"),
                Arguments.of("g = globals()['x']", 5, "name:globals"),
                Arguments.of("v = vars(unittest)", 5, "name:vars"),
                Arguments.of("s = ().__class__.__base__.__subclasses__()", 18, "attribute:__base__"),
                Arguments.of("s = ().__class__.__base__.__subclasses__()", 27, "attribute:__subclasses__"),
                Arguments.of("g = (lambda: 0).__globals__", 17, "attribute:__globals__"),
                Arguments.of("c = f.__code__", 7, "attribute:__code__"),
                Arguments.of("b = unittest.__builtins__", 14, "attribute:__builtins__"),
                Arguments.of("o = sys.modules['os']", 9, "attribute:modules"),
                Arguments.of("fr = sys._getframe(0)", 10, "attribute:_getframe"),
                Arguments.of("p = pathlib.os.system('id')", 13, "attribute:os"),
                Arguments.of("t = tempfile._os", 14, "attribute:_os"),
                Arguments.of("b = unittest.mock.builtins", 19, "attribute:builtins"),
                Arguments.of("a = getattr(x, '__globals__')", 16, "attribute:__globals__"),
                Arguments.of("a = operator.attrgetter('f.__code__')", 25, "attribute:__code__"),
                Arguments.of("a = getattr(x, name)", 5, "dynamic-attribute:getattr"),
                Arguments.of("setattr(x, name, 1)", 1, "dynamic-attribute:setattr"),
                Arguments.of("a = getattr(*(f, '__glob' + 'als__'))", 5, "dynamic-attribute:getattr"),
                Arguments.of("a = operator.attrgetter('x', name)", 5, "dynamic-attribute:attrgetter"),
                Arguments.of("g = getattr; g(f, name)", 5, "name:getattr"),
                Arguments.of("p = functools.partial(getattr, f)", 23, "name:getattr"),
                Arguments.of("a = operator.attrgetter", 14, "attribute:attrgetter"),
                Arguments.of("s = '{0.__globals__}'.format(f)", 5, "string:__globals__"),
                Arguments.of("d = {}['__builtins__']", 8, "string:__builtins__"),
                Arguments.of("from concurrent.futures import ProcessPoolExecutor", 1,
                        "import:concurrent.futures.ProcessPoolExecutor"),
                Arguments.of("conn.enable_load_extension(True)", 6, "attribute:enable_load_extension"),
                Arguments.of("breakpoint()", 1, "name:breakpoint"),
                Arguments.of("é = 1; e = eval", 12, "name:eval"));
    }

    @ParameterizedTest
    @MethodSource("refusedConstructs")
    void refusedConstructIsReportedWithItsPosition(String statement, int column, String construct) {
        String source = "import sys\nimport unittest\n" + statement + "\n";

        assertThat(positions(python.check("pkg/test_y.py", source)))
                .contains(tuple("pkg/test_y.py", 3, column, construct));
    }

    @Test
    void everyRefusedPythonNameIsDocumented() {
        Map<String, Object> rules = new PythonSubset(SubsetLimits.defaults()).describe();
        List<String> names = Stream.of("modules", "names", "attributes")
                .flatMap(table -> ((Map<?, ?>) rules.get(table)).values().stream())
                .flatMap(list -> ((List<?>) list).stream())
                .map(String::valueOf)
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        names.addAll(((Map<?, ?>) rules.get("submodules")).keySet().stream().map(String::valueOf).toList());
        names.addAll(((List<?>) rules.get("getattrLike")).stream().map(String::valueOf).toList());

        assertThat(names).hasSizeGreaterThan(100);
        assertThat(RestrictedDocs.text()).contains(names.stream().map(RestrictedDocs::code).toList());
    }

    @Test
    void matchClassPatternsReadAttributesToo() {
        String source = "def f():\n    pass\nmatch f:\n    case object(__globals__=g):\n        pass\n";

        assertThat(python.check("m.py", source)).extracting(Violation::line, Violation::column, Violation::construct)
                .containsExactly(tuple(4, 10, "attribute:__globals__"));
    }

    @Test
    void relativeImportsOfTheJobsOwnModulesAreAllowed() {
        assertThat(python.check("pkg/test_z.py", "from . import os\nfrom .socket import x\n")).isEmpty();
    }

    @Test
    void syntaxErrorIsAViolationWithItsPosition() {
        List<Violation> found = python.check("broken.py", "import unittest\ndef f(:\n    pass\n");

        onlySyntaxError(found, "broken.py", 2, 7);
    }

    @Test
    void columnsCountCodePointsAndAByteOrderMarkIsSkipped() {
        assertThat(python.check("e.py", "\ufeffs = '😀😀'; eval('1')\n"))
                .extracting(Violation::line, Violation::column, Violation::construct)
                .containsExactly(tuple(1, 11, "name:eval"));
    }

    @Test
    void nullByteIsASyntaxViolation() {
        assertThat(python.check("nul.py", "x = 1\u0000\n")).extracting(Violation::construct).containsExactly("syntax");
    }

    @Test
    void deepNestingIsRefusedNotAnError() {
        List<Violation> found = python.check(Map.of(
                "parens.py", "x = " + Sources.nested("(", ")", 5_000) + "\n",
                "unary.py", "x = " + "-".repeat(200_000) + "1\n"));

        assertThat(found).extracting(Violation::file, Violation::construct)
                .containsExactly(tuple("parens.py", "syntax"), tuple("unary.py", "too-complex"));
    }

    @Test
    void checkerOverItsWallClockBudgetRefusesTheRequest() {
        SubsetChecker hurried = new SubsetChecker(SubsetLimits.defaults().withTimeout(Duration.ofMillis(1)));

        // A source that takes the checker far longer than the budget to parse, so the outcome does
        // not depend on how fast this machine starts a process.
        String slow = "x = [1, 2, 3]\n".repeat(60_000);
        assertThat(hurried.check(SubsetChecker.PYTHON, Map.of("a.py", slow)))
                .extracting(Violation::file, Violation::construct)
                .containsExactly(tuple("", "too-complex"));
    }

    @Test
    void missingInterpreterIsUnavailableNotAnEmptyPass() {
        SubsetChecker broken = new SubsetChecker(SubsetLimits.defaults().withPython(Path.of("/nonexistent/python3")));

        assertThatThrownBy(() -> broken.check(SubsetChecker.PYTHON, Map.of("a.py", "x = 1\n")))
                .isInstanceOfSatisfying(MeshException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void manyFilesAreCheckedInOneRunInPathOrder() {
        List<Violation> found = python.check(Map.of(
                "b/test_b.py", "import socket\n",
                "a/test_a.py", "import unittest\n\nx = eval('1')\n",
                "c/test_c.py", "import unittest\n"));

        assertThat(found).extracting(Violation::file, Violation::line, Violation::construct)
                .containsExactly(tuple("a/test_a.py", 3, "name:eval"), tuple("b/test_b.py", 1, "import:socket"));
    }
}
