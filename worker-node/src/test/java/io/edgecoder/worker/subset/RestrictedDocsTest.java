package io.edgecoder.worker.subset;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.subset.impl.JsPolicy;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RestrictedDocsTest {

    @Test
    void everyRefusedJavaScriptNameIsDocumented() {
        List<String> names = Stream.of(JsPolicy.MODULES.keySet(), JsPolicy.GLOBALS.keySet(),
                        JsPolicy.GUARDED_NAMES, JsPolicy.MEMBERS.keySet(), JsPolicy.PROCESS_MEMBERS.keySet())
                .flatMap(Collection::stream)
                .map(RestrictedDocs::code)
                .toList();

        assertThat(RestrictedDocs.text()).contains(names);
    }
}
