"""EdgeCoder restricted-subset check for Python sources.

Reads {"files": [{"path": ..., "source": ...}], "maxViolations": N} as JSON on stdin, parses
each source with the ast module (parsing never runs the code) and writes
{"violations": [{"file", "line", "column", "construct", "message"}]} as JSON on stdout.
{"describe": true} instead writes the rule tables, so the documentation can be checked
against them. The refused list and its reasons are documented in docs/restricted.md.
"""
import ast
import json
import sys

REASONS = {
    "process": "starts, signals or controls processes",
    "network": "opens network connections or servers",
    "native": "loads native code",
    "dynamic": "imports or runs code chosen at run time",
    "introspection": "reaches interpreter internals that bypass these checks",
}

# Top-level module names refused in every import form (import x, import x.y, from x import y).
MODULES = {
    "process": ["os", "posix", "nt", "subprocess", "_posixsubprocess", "multiprocessing",
                "_multiprocessing", "pty", "signal", "_signal", "resource"],
    "network": ["socket", "_socket", "ssl", "_ssl", "select", "selectors", "socketserver",
                "http", "urllib", "ftplib", "smtplib", "poplib", "imaplib", "nntplib",
                "telnetlib", "xmlrpc", "asyncio", "asyncore", "asynchat", "smtpd", "wsgiref",
                "webbrowser"],
    "native": ["ctypes", "_ctypes", "cffi", "_cffi_backend"],
    "dynamic": ["importlib", "imp", "zipimport", "pkgutil", "runpy", "builtins", "code",
                "codeop", "pickle", "_pickle", "marshal", "shelve", "copyreg", "timeit",
                "doctest", "pdb", "bdb", "trace", "profile", "cProfile", "pydoc", "site",
                "distutils", "setuptools", "pip", "ensurepip", "venv"],
    "introspection": ["gc", "inspect"],
}

# Submodules of otherwise allowed packages.
SUBMODULES = {
    "logging.config": "network",  # listen() opens a socket and applies the configuration sent
    "logging.handlers": "network",  # socket, syslog, SMTP and HTTP handlers
    "concurrent.futures.process": "process",
}

# Names refused wherever they are used as a variable (calling, passing or aliasing them).
NAMES = {
    "dynamic": ["eval", "exec", "compile", "__import__", "breakpoint", "help"],
    "introspection": ["globals", "locals", "vars", "__builtins__", "__loader__", "__spec__"],
}

# Attribute names refused on any object: the checker cannot know which object is `sys`, a
# frame or a module after aliasing, so the name alone decides. The module names catch modules
# reached through other modules (pathlib.os, tempfile._os, unittest.mock.builtins).
ATTRIBUTES = {
    "introspection": ["__subclasses__", "__bases__", "__base__", "__mro__", "__globals__",
                      "__builtins__", "__code__", "__closure__", "__func__", "__self__",
                      "__dict__", "__getattribute__", "__import__", "__loader__", "__spec__",
                      "__reduce__", "__reduce_ex__", "f_globals", "f_builtins", "f_locals",
                      "f_back", "f_code", "gi_frame", "gi_code", "cr_frame", "cr_code",
                      "ag_frame", "ag_code", "tb_frame", "modules", "_getframe",
                      "_current_frames", "settrace", "setprofile", "meta_path", "path_hooks",
                      "path_importer_cache", "addaudithook"],
    "process": ["os", "_os", "posix", "nt", "subprocess", "_subprocess", "_posixsubprocess",
                "multiprocessing", "pty", "ProcessPoolExecutor"],
    "network": ["socket", "_socket"],
    "native": ["ctypes", "_ctypes", "load_extension", "enable_load_extension"],
    "dynamic": ["builtins", "importlib", "marshal", "pickle", "runpy", "_importer",
                "_dot_lookup", "resolve_name"],
}

# Callables whose attribute-name argument must be a string literal.
GETATTR_LIKE = {"getattr": 1, "setattr": 1, "delattr": 1, "attrgetter": 0, "methodcaller": 0}


def invert(table):
    return {name: category for category, names in table.items() for name in names}


REFUSED_MODULES = invert(MODULES)
REFUSED_NAMES = invert(NAMES)
REFUSED_ATTRIBUTES = invert(ATTRIBUTES)
DUNDERS = sorted(n for n in list(REFUSED_ATTRIBUTES) + list(REFUSED_NAMES) if n.startswith("__"))


class FileCheck:
    """Collects the violations of one file."""

    def __init__(self, path, source, out):
        self.path = path
        self.lines = source.split("\n")
        self.out = out
        self.called = set()

    def add(self, node, construct, message):
        line = getattr(node, "lineno", 1) or 1
        offset = getattr(node, "col_offset", 0) or 0
        if isinstance(node, ast.Attribute) and node.end_lineno and node.end_col_offset:
            # Point at the attribute name, not at the start of the chain it ends.
            line = node.end_lineno
            offset = max(0, node.end_col_offset - len(node.attr.encode("utf-8")))
        self.add_at(line, self.char_column(line, offset), construct, message)

    def add_at(self, line, column, construct, message):
        self.out.append({"file": self.path, "line": line, "column": column,
                         "construct": construct, "message": message})

    def char_column(self, line, byte_offset):
        # ast offsets count UTF-8 bytes; report 1-based characters like an editor.
        if not 0 < line <= len(self.lines):
            return byte_offset + 1
        prefix = self.lines[line - 1].encode("utf-8")[:byte_offset]
        return len(prefix.decode("utf-8", "ignore")) + 1


def module_category(name):
    if name in SUBMODULES:
        return SUBMODULES[name]
    for sub, category in SUBMODULES.items():
        if name.startswith(sub + "."):
            return category
    return REFUSED_MODULES.get(name.split(".")[0])


def check_import(fc, node):
    for alias in node.names:
        category = module_category(alias.name)
        if category:
            fc.add(node, "import:" + alias.name,
                   "module %s %s" % (alias.name, REASONS[category]))


def check_import_from(fc, node):
    if node.level:  # relative import of the job's own files
        return
    module = node.module or ""
    category = module_category(module)
    if category:
        fc.add(node, "import:" + module, "module %s %s" % (module, REASONS[category]))
        return
    for alias in node.names:
        full = module + "." + alias.name
        category = module_category(full) or REFUSED_ATTRIBUTES.get(alias.name)
        if category:
            fc.add(node, "import:" + full, "%s %s" % (full, REASONS[category]))


def check_attribute_name(fc, node, name):
    category = REFUSED_ATTRIBUTES.get(name)
    if category:
        fc.add(node, "attribute:" + name, "attribute %s %s" % (name, REASONS[category]))


def callee_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def check_call(fc, node):
    fc.called.add(id(node.func))  # ast.walk visits a call before its callee
    name = callee_name(node.func)
    if name not in GETATTR_LIKE:
        return
    index = GETATTR_LIKE[name]
    # attrgetter takes any number of names; the others take one at a fixed position.
    names = node.args[index:] if name == "attrgetter" else node.args[index:index + 1]
    starred = any(isinstance(a, ast.Starred) for a in node.args[:index + 1] + names)
    if starred or node.keywords or not names:
        names = [None]
    for arg in names:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            for part in arg.value.split("."):
                check_attribute_name(fc, arg, part)
        else:
            fc.add(node, "dynamic-attribute:" + name,
                   "%s with a computed attribute name %s" % (name, REASONS["introspection"]))
            return


def check_uncalled(fc, node, name, construct):
    # getattr passed around (g = getattr; partial(getattr, f)) would escape the literal-name rule.
    if name in GETATTR_LIKE and id(node) not in fc.called:
        fc.add(node, construct + name, "%s used other than by a direct call %s"
               % (name, REASONS["introspection"]))


def check_string(fc, node):
    for dunder in DUNDERS:
        if dunder in node.value:
            fc.add(node, "string:" + dunder,
                   "string naming %s %s" % (dunder, REASONS["introspection"]))
            return


def check_node(fc, node):
    if isinstance(node, ast.Import):
        check_import(fc, node)
    elif isinstance(node, ast.ImportFrom):
        check_import_from(fc, node)
    elif isinstance(node, ast.Name) and node.id in REFUSED_NAMES:
        category = REFUSED_NAMES[node.id]
        fc.add(node, "name:" + node.id, "%s %s" % (node.id, REASONS[category]))
    elif isinstance(node, ast.Name):
        check_uncalled(fc, node, node.id, "name:")
    elif isinstance(node, ast.Attribute):
        check_attribute_name(fc, node, node.attr)
        check_uncalled(fc, node, node.attr, "attribute:")
    elif isinstance(node, ast.Call):
        check_call(fc, node)
    elif isinstance(node, ast.MatchClass):
        for name in node.kwd_attrs:  # case object(__globals__=g) reads the attribute
            check_attribute_name(fc, node, name)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        check_string(fc, node)


def check_source(fc, source):
    try:
        tree = ast.parse(source, filename=fc.path)
    except SyntaxError as e:
        fc.add_at(e.lineno or 1, e.offset or 1, "syntax", "syntax error: %s" % e.msg)
        return
    except ValueError as e:  # null bytes
        fc.add_at(1, 1, "syntax", "syntax error: %s" % e)
        return
    for node in ast.walk(tree):  # iterative: deep trees cannot exhaust the stack here
        check_node(fc, node)


def check_file(path, source, out, limit):
    if source.startswith("\ufeff"):  # a UTF-8 byte order mark, which Python skips in files
        source = source[1:]
    found = []
    fc = FileCheck(path, source, found)
    try:
        check_source(fc, source)
    except (RecursionError, MemoryError):
        found.clear()
        fc.add_at(1, 1, "too-complex", "the source is nested too deeply or is too large to parse")
    except Exception as e:  # fail closed: a source the parser chokes on is refused
        found.clear()
        fc.add_at(1, 1, "syntax", "the parser could not read this source (%s)" % type(e).__name__)
    found.sort(key=lambda v: (v["line"], v["column"]))
    out.extend(found[:max(0, limit - len(out))])


def describe():
    return {"reasons": REASONS, "modules": MODULES, "submodules": SUBMODULES, "names": NAMES,
            "attributes": ATTRIBUTES, "getattrLike": sorted(GETATTR_LIKE)}


def main():
    request = json.loads(sys.stdin.buffer.read())
    if request.get("describe"):
        result = describe()
    else:
        out = []
        limit = int(request.get("maxViolations", 200))
        for f in request["files"]:
            check_file(f["path"], f["source"], out, limit)
        result = {"violations": out}
    sys.stdout.write(json.dumps(result, ensure_ascii=True))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
