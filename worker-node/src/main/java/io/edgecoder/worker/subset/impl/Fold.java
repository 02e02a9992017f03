package io.edgecoder.worker.subset.impl;

import com.oracle.js.parser.TokenType;
import com.oracle.js.parser.ir.BinaryNode;
import com.oracle.js.parser.ir.Expression;
import com.oracle.js.parser.ir.JoinPredecessorExpression;
import com.oracle.js.parser.ir.LiteralNode;
import com.oracle.js.parser.ir.TemplateLiteralNode;

/**
 * Folds constant string expressions ({@code 'ev' + 'al'}, a template literal without
 * substitutions) so that spelling a name in pieces does not hide it.
 */
final class Fold {
    private Fold() {
    }

    /** The constant string value of an expression, or null when it is not one. */
    static String string(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof LiteralNode<?> literal) {
            return literal.isString() ? literal.getString() : null;
        }
        if (e instanceof BinaryNode binary && binary.isTokenType(TokenType.ADD)) {
            String left = string(binary.getLhs());
            String right = left == null ? null : string(binary.getRhs());
            return right == null ? null : left + right;
        }
        if (e instanceof TemplateLiteralNode.UntaggedTemplateLiteralNode template) {
            StringBuilder text = new StringBuilder();
            for (Expression part : template.getExpressions()) {
                String value = string(part);
                if (value == null) {
                    return null;
                }
                text.append(value);
            }
            return text.toString();
        }
        return null;
    }

    static Expression unwrap(Expression expression) {
        Expression e = expression;
        while (e instanceof JoinPredecessorExpression join && join.getExpression() != null) {
            e = join.getExpression();
        }
        return e;
    }
}
