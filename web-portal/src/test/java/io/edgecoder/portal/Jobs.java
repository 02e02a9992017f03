package io.edgecoder.portal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Job bodies for tests. */
public final class Jobs {
    private Jobs() {
    }

    /** A valid Python job with one source and one test file and only required fields. */
    public static JsonObject python() {
        return new JsonObject()
            .put("title", "add numbers")
            .put("language", "python")
            .put("files", new JsonObject()
                .put("calc.py", "def add(a, b):\n    return a + b\n")
                .put("test_calc.py", "import unittest\nfrom calc import add\n\n"
                    + "class T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n"))
            .put("tests", new JsonArray().add("test_calc.py"));
    }
}
