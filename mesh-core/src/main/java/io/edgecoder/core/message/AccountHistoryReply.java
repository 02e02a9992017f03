package io.edgecoder.core.message;

import java.util.List;

/** A page of entries; {@code nextAfterSeq} is null on the last page. */
public record AccountHistoryReply(String account, List<EntryView> entries, Long nextAfterSeq) {
}
