import json
import math
import sys
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).parent))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"{self.__class__.__name__}({self.x}, {self.y})"


class PointTest(unittest.TestCase):
    def setUp(self):
        self.fixture = Path(__file__).with_name("fixture.json")

    def test_distance(self):
        self.assertAlmostEqual(math.hypot(3, 4), 5.0)

    def test_repr(self):
        self.assertEqual(repr(Point(1, 2)), "Point(1, 2)")

    def test_reads_fixture(self):
        if self.fixture.exists():
            with open(self.fixture, encoding="utf-8") as f:
                self.assertIsInstance(json.load(f), dict)

    def test_mock(self):
        with mock.patch("builtins.print") as printed:
            print("hello")
        printed.assert_called_once_with("hello")

    def test_getattr_literal(self):
        self.assertEqual(getattr(Point(1, 2), "x"), 1)
        with self.assertRaises(ZeroDivisionError):
            _ = 1 / 0


if __name__ == "__main__":
    unittest.main(verbosity=2)
