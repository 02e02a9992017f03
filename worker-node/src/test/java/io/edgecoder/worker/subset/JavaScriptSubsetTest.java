package io.edgecoder.worker.subset;

import static io.edgecoder.worker.subset.LanguageCheck.onlySyntaxError;
import static io.edgecoder.worker.subset.LanguageCheck.positions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.edgecoder.worker.subset.impl.JsPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JavaScriptSubsetTest {
    private final LanguageCheck js = new LanguageCheck(SubsetChecker.JAVASCRIPT);

    @Test
    void typicalNodeTestFilesAreAllowed() {
        List<Violation> found = js.check(Map.of(
                "test/mixed.test.js", Sources.resource("mixed.test.js"),
                "test/commonjs.test.js", Sources.resource("commonjs.test.js")));

        assertThat(found).isEmpty();
    }

    @Test
    void modernSyntaxParsesAndIsAllowed() {
        // classes with private and static members, arrows, async generators, template literals,
        // destructuring, optional chaining, BigInt, logical assignment, import/export, attributes
        assertThat(js.check("modern.mjs", Sources.resource("modern.mjs"))).isEmpty();
    }

    static Stream<String> refusedModules() {
        return JsPolicy.MODULES.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("refusedModules")
    void everyRefusedModuleIsReportedInEveryImportForm(String module) {
        String source = "// header\n"
                + "const a = require('" + module + "');\n"
                + "import b from 'node:" + module + "';\n"
                + "export { c } from '" + module + "';\n"
                + "  const d = await import('node:" + module + "');\n";

        assertThat(positions(js.check("t.mjs", source)))
                .containsExactly(
                        tuple("t.mjs", 2, 11, "require:" + module),
                        tuple("t.mjs", 3, 1, "import:" + module),
                        tuple("t.mjs", 4, 1, "export:" + module),
                        tuple("t.mjs", 5, 19, "import:" + module));
    }

    @Test
    void subpathsOfRefusedModulesAreRefused() {
        assertThat(js.check("t.js", "const dns = require('node:dns/promises');"))
                .extracting(Violation::construct).containsExactly("require:dns");
    }

    static Stream<Arguments> refusedConstructs() {
        return Stream.of(
                Arguments.of("eval('1 + 1');", 1, "name:eval"),
                Arguments.of("const f = new Function('return 1');", 15, "name:Function"),
                Arguments.of("const f = Function('return 1');", 11, "name:Function"),
                Arguments.of("const e = (0, eval);", 15, "name:eval"),
                Arguments.of("\\u0065val('1');", 1, "name:eval"),
                Arguments.of("globalThis['ev' + 'al']('1');", 1, "name:globalThis"),
                Arguments.of("global.process;", 1, "name:global"),
                Arguments.of("const x = 'fs'; require(x);", 17, "require-dynamic"),
                Arguments.of("require(`child_${'process'}`);", 1, "require:child_process"),
                Arguments.of("require('child_' + 'process');", 1, "require:child_process"),
                Arguments.of("const r = require;", 11, "name:require"),
                Arguments.of("require.main.exports;", 1, "name:require"),
                Arguments.of("const name = 'vm'; await import(name);", 26, "import-dynamic"),
                Arguments.of("await import('data:text/javascript,export default 1');", 7, "import:data:text/javascript,export default 1"),
                Arguments.of("require('./addon.node');", 1, "require:./addon.node"),
                Arguments.of("[].map.constructor('return 1')();", 8, "member:constructor"),
                Arguments.of("(async () => {})['constr' + 'uctor'];", 18, "member:constructor"),
                Arguments.of("const f = () => 1; f[`constructor`];", 22, "member:constructor"),
                Arguments.of("Object.getOwnPropertyDescriptor(p, 'constructor');", 36, "member:constructor"),
                Arguments.of("function f() { return arguments.callee.caller; }", 33, "member:callee"),
                Arguments.of("const { constructor: F } = () => 1;", 9, "member:constructor"),
                Arguments.of("({ constructor } = obj);", 4, "member:constructor"),
                Arguments.of("function f({ ['constr' + 'uctor']: c }) {}", 15, "member:constructor"),
                Arguments.of("obj?.constructor;", 6, "member:constructor"),
                Arguments.of("obj?.['constructor'];", 7, "member:constructor"),
                Arguments.of("process.binding('spawn_sync');", 9, "member:binding"),
                Arguments.of("process['dl' + 'open'](m, 'x');", 9, "member:dlopen"),
                Arguments.of("process.kill(1);", 9, "member:process.kill"),
                Arguments.of("process.getBuiltinModule('child_process');", 9, "member:process.getBuiltinModule"),
                Arguments.of("const key = 'kill'; process[key](1);", 21, "computed:process"),
                Arguments.of("const { kill } = process;", 18, "name:process"),
                Arguments.of("const p = process; p.kill(1);", 11, "name:process"),
                Arguments.of("module.require('child_process');", 8, "member:require"),
                Arguments.of("module.children;", 8, "member:module.children"),
                Arguments.of("fetch('http://192.0.2.1/');", 1, "name:fetch"),
                Arguments.of("new WebAssembly.Module(bytes);", 5, "name:WebAssembly"));
    }

    @ParameterizedTest
    @MethodSource("refusedConstructs")
    void refusedConstructIsReportedWithItsPosition(String statement, int column, String construct) {
        String source = "let ok = 1;\n" + statement + "\n";

        List<Violation> found = js.check("src/t.mjs", source);

        assertThat(positions(found)).contains(tuple("src/t.mjs", 2, column, construct));
    }

    @Test
    void allowedFormsOfGuardedNamesPass() {
        String source = """
                const assert = require('node:assert');
                module.exports = { run };
                module.exports.extra = 1;
                function run() { process.exitCode = process.argv.length > 1 ? 0 : 1; process.exit(); }
                const o = { eval: 1, Function: 2, process: 3, global: 4 };
                o.eval; o['evaluate']; o[key];
                class A { constructor() { this.x = 1; } }
                """;

        assertThat(js.check("ok.cjs", source)).isEmpty();
    }

    @Test
    void columnsCountCodePointsLikeThePythonCheck() {
        assertThat(js.check("e.js", "s = '😀😀'; eval('1');\n"))
                .extracting(Violation::line, Violation::column).containsExactly(tuple(1, 11));
    }

    @Test
    void syntaxErrorIsAViolationWithItsPosition() {
        List<Violation> found = js.check("broken.js", "const a = 1;\nlet x = (1;\n");

        assertThat(onlySyntaxError(found, "broken.js", 2, 11).message()).contains("Expected )");
    }

    @Test
    void commonJsOnlySyntaxFallsBackToScriptParsing() {
        // `with` is not allowed in modules (strict mode) but is valid sloppy-mode CommonJS.
        assertThat(js.check("legacy.js", "with (Math) { max(1, 2); }")).isEmpty();
        assertThat(js.check("legacy.mjs", "with (Math) { max(1, 2); }"))
                .extracting(Violation::construct).containsExactly("syntax");
    }

    @Test
    void deeplyNestedSourceIsTooComplexNotAnError() {
        String source = "const x = " + Sources.nested("[", "]", 200_000) + ";";

        assertThat(js.check("deep.js", source)).singleElement()
                .extracting(Violation::file, Violation::construct)
                .containsExactly("deep.js", "too-complex");
    }

    @Test
    void violationsAreOrderedByPathThenPosition() {
        List<Violation> found = js.check(Map.of(
                "b.js", "eval(1);\nrequire('vm');",
                "a.js", "let x = 1; eval(2);"));

        assertThat(found).extracting(Violation::file, Violation::line)
                .containsExactly(tuple("a.js", 1), tuple("b.js", 1), tuple("b.js", 2));
    }
}
