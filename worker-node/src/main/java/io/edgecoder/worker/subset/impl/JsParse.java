package io.edgecoder.worker.subset.impl;

import com.oracle.js.parser.ErrorManager;
import com.oracle.js.parser.Parser;
import com.oracle.js.parser.ParserException;
import com.oracle.js.parser.ScriptEnvironment;
import com.oracle.js.parser.Source;
import com.oracle.js.parser.ir.FunctionNode;

/**
 * Parses one JavaScript source with the GraalJS parser at ECMAScript 2024. A {@code .mjs}
 * file is a module and a {@code .cjs} file a script; any other file is tried as a module
 * first (what {@code import test from 'node:test'} needs) and then as a sloppy-mode script
 * (what some CommonJS files need). When both fail, the module error is reported.
 */
final class JsParse {
    private static final int ECMASCRIPT_2024 = 15;

    private JsParse() {
    }

    static FunctionNode parse(String path, String text) {
        if (path.endsWith(".cjs")) {
            return script(path, text);
        }
        try {
            return module(path, text);
        } catch (ParserException moduleError) {
            if (path.endsWith(".mjs")) {
                throw moduleError;
            }
            try {
                return script(path, text);
            } catch (ParserException scriptError) {
                throw moduleError;
            }
        }
    }

    /** The first line of a parser message, without its {@code file:line:column} prefix. */
    static String message(ParserException e) {
        String raw = e.getMessage() == null ? "syntax error" : e.getMessage();
        String first = raw.lines().findFirst().orElse(raw);
        String prefix = e.getFileName() + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + " ";
        return first.startsWith(prefix) ? first.substring(prefix.length()) : first;
    }

    private static FunctionNode module(String path, String text) {
        return parser(path, text).parseModule(path);
    }

    private static FunctionNode script(String path, String text) {
        return parser(path, text).parse();
    }

    private static Parser parser(String path, String text) {
        ScriptEnvironment env = ScriptEnvironment.builder()
                .ecmaScriptVersion(ECMASCRIPT_2024)
                .allowBigInt(true)
                .classFields(true)
                .privateFieldsIn(true)
                .topLevelAwait(true)
                .importAssertions(true)
                .annexB(true)
                .shebang(true)
                .build();
        return new Parser(env, Source.sourceFor(path, text), new ErrorManager.ThrowErrorManager());
    }
}
