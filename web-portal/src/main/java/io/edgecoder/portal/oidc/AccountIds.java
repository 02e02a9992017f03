package io.edgecoder.portal.oidc;

/**
 * How an account id is bound in SQL: the accounts schema decides the column type, these
 * fragments cast the text id the portal passes around.
 */
final class AccountIds {
    static final String PARAM_1 = "$1";
    static final String PARAM_3 = "$3";

    private AccountIds() {
    }
}
