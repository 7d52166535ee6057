package io.chorus.api;

import java.util.List;

/** A znode's child names (not full paths) with the parent's stat. */
public record Children(List<String> names, Stat stat) {
}
