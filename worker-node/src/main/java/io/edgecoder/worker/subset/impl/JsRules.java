package io.edgecoder.worker.subset.impl;

import com.oracle.js.parser.Source;
import com.oracle.js.parser.ir.AccessNode;
import com.oracle.js.parser.ir.CallNode;
import com.oracle.js.parser.ir.ClassElement;
import com.oracle.js.parser.ir.Expression;
import com.oracle.js.parser.ir.ExportNode;
import com.oracle.js.parser.ir.FunctionNode;
import com.oracle.js.parser.ir.IdentNode;
import com.oracle.js.parser.ir.ImportNode;
import com.oracle.js.parser.ir.IndexNode;
import com.oracle.js.parser.ir.LexicalContext;
import com.oracle.js.parser.ir.LiteralNode;
import com.oracle.js.parser.ir.Module;
import com.oracle.js.parser.ir.PropertyNode;
import com.oracle.js.parser.ir.visitor.NodeVisitor;
import io.edgecoder.worker.subset.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks one parsed JavaScript file and records every refused construct of {@link JsPolicy}.
 * The guarded names ({@code require}, {@code module}, {@code process}) are judged where they
 * are used: in an allowed form the walk does not descend into the name, so any other use of
 * the name reaches {@link #enterIdentNode} and is refused there.
 */
final class JsRules extends NodeVisitor<LexicalContext> {
    private final String path;
    private final Source source;
    private final List<Violation> found = new ArrayList<>();

    private JsRules(String path, Source source) {
        super(new LexicalContext());
        this.path = path;
        this.source = source;
    }

    /** The violations of one parsed file, in source order. */
    static List<Violation> check(String path, FunctionNode program) {
        JsRules rules = new JsRules(path, program.getSource());
        program.accept(rules);
        Module module = program.getModule();
        if (module != null) {
            module.getImports().forEach(rules::checkImport);
            module.getExports().forEach(rules::checkExport);
        }
        rules.found.sort((a, b) -> a.line() != b.line()
                ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        return rules.found;
    }

    @Override
    public boolean enterIdentNode(IdentNode ident) {
        if (ident.isPropertyName() || ident.isInternal()) {
            return false;
        }
        String name = ident.getName();
        String reason = JsPolicy.GLOBALS.get(name);
        if (reason != null) {
            add(ident.getStart(), "name:" + name, name + " " + reason);
        } else if (JsPolicy.GUARDED_NAMES.contains(name)) {
            add(ident.getStart(), "name:" + name, name + " " + JsPolicy.GUARDED);
        }
        return false;
    }

    @Override
    public boolean enterAccessNode(AccessNode access) {
        if (access.isPrivate()) {
            return true;
        }
        String member = access.getProperty();
        int at = access.getFinish() - member.length();
        checkMember(at, member);
        String guarded = guardedBase(access.getBase());
        if ("process".equals(guarded) || "module".equals(guarded)) {
            checkGuardedMember(at, guarded, member);
            return false;
        }
        return true;
    }

    @Override
    public boolean enterIndexNode(IndexNode index) {
        String key = Fold.string(index.getIndex());
        if (key != null) {
            checkMember(index.getIndex().getStart(), key);
        }
        String guarded = guardedBase(index.getBase());
        if ("process".equals(guarded) || "module".equals(guarded)) {
            if (key == null) {
                add(index.getStart(), "computed:" + guarded,
                        "computed member of " + guarded + " " + JsPolicy.GUARDED);
            } else {
                checkGuardedMember(index.getIndex().getStart(), guarded, key);
            }
            index.getIndex().accept(this);
            return false;
        }
        return true;
    }

    /** Object literal and destructuring keys: {@code const { constructor: F } = f} reads a member. */
    @Override
    public boolean enterPropertyNode(PropertyNode property) {
        if (property instanceof ClassElement) {
            return true; // class members define, they never read another object's members
        }
        String key = property.isComputed() ? Fold.string(property.getKey()) : property.getKeyName();
        if (key != null) {
            checkMember(property.getKey().getStart(), key);
        }
        return true;
    }

    @Override
    public boolean enterCallNode(CallNode call) {
        if (call.isImport()) {
            checkSpecifier(call.getStart(), "import", call.getArgs());
            return true;
        }
        if ("require".equals(guardedBase(call.getFunction())) && !call.isNew()) {
            checkSpecifier(call.getStart(), "require", call.getArgs());
            call.getArgs().forEach(arg -> arg.accept(this));
            return false;
        }
        if (call.getFunction() instanceof AccessNode callee
                && callee.getBase() instanceof IdentNode owner
                && JsPolicy.REFLECTIVE.contains(owner.getName())) {
            call.getArgs().forEach(this::checkReflectiveArgument);
        }
        return true;
    }

    private void checkReflectiveArgument(Expression arg) {
        String key = Fold.string(arg);
        if (key != null) {
            checkMember(arg.getStart(), key);
        }
    }

    private void checkMember(int at, String member) {
        String reason = JsPolicy.MEMBERS.get(member);
        if (reason != null) {
            add(at, "member:" + member, "member " + member + " " + reason);
        }
    }

    private void checkGuardedMember(int at, String base, String member) {
        String reason = "process".equals(base) ? JsPolicy.PROCESS_MEMBERS.get(member)
                : JsPolicy.MODULE_EXPORTS.equals(member) ? null : JsPolicy.GUARDED;
        if (reason != null) {
            add(at, "member:" + base + "." + member, base + "." + member + " " + reason);
        }
    }

    private void checkSpecifier(int at, String kind, List<Expression> args) {
        String specifier = args.isEmpty() ? null : Fold.string(args.get(0));
        if (specifier == null) {
            add(at, kind + "-dynamic", kind + " with a specifier that is not a constant string "
                    + JsPolicy.DYNAMIC);
            return;
        }
        checkModule(at, kind, specifier);
    }

    private void checkModule(int at, String kind, String specifier) {
        String reason = JsPolicy.moduleReason(specifier);
        if (reason != null) {
            add(at, kind + ":" + JsPolicy.moduleName(specifier), "module " + specifier + " " + reason);
        }
    }

    private void checkImport(ImportNode node) {
        LiteralNode<?> specifier = node.getFrom() != null
                ? node.getFrom().getModuleSpecifier() : node.getModuleSpecifier();
        if (specifier != null) {
            checkModule(node.getStart(), "import", specifier.getString());
        }
    }

    private void checkExport(ExportNode node) {
        if (node.getFrom() != null) {
            checkModule(node.getStart(), "export", node.getFrom().getModuleSpecifier().getString());
        }
    }

    /** The guarded name an expression is, or null. */
    private static String guardedBase(Expression expression) {
        if (Fold.unwrap(expression) instanceof IdentNode ident && !ident.isPropertyName()
                && JsPolicy.GUARDED_NAMES.contains(ident.getName())) {
            return ident.getName();
        }
        return null;
    }

    private void add(int position, String construct, String message) {
        found.add(new Violation(path, source.getLine(position), column(position), construct, message));
    }

    /** 1-based column in code points, as the Python check counts (the parser counts UTF-16 units). */
    private int column(int position) {
        int lineStart = position - source.getColumn(position);
        return source.getContent().codePointCount(lineStart, position) + 1;
    }
}
