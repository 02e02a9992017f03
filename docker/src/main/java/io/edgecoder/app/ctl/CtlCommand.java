package io.edgecoder.app.ctl;

import io.edgecoder.core.Json;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every leaf command does: connect and authenticate, run, print a table or (with
 * {@code --json}) the JSON the node answered, and end with 0.
 */
abstract class CtlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private JsonObject node;

    @Override
    public final Integer call() throws Exception {
        Ctl ctl = (Ctl) spec.root().userObject();
        Target target = Target.resolve(ctl, ctl.env());
        try (CtlClient client = CtlClient.open(target, ctl.timeout())) {
            node = client.authenticate(target.token());
            return execute(client);
        }
    }

    /** Runs the command; returns its exit status. */
    abstract int execute(CtlClient client) throws Exception;

    /** What the node said about itself when it accepted the operator: node, org, roles, operator. */
    JsonObject node() {
        return node;
    }

    boolean json() {
        return ((Ctl) spec.root().userObject()).json;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints {@code value} as indented JSON. */
    void printJson(Object value) {
        out().println(Json.toJson(value).encodePrettily());
    }

    /** Decodes a reply into its record. */
    static <T> T as(JsonObject reply, Class<T> type) {
        return Json.fromJson(reply, type);
    }
}
