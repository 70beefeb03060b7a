package io.github.fakesmtp;

import java.util.ArrayList;
import java.util.List;

/** The refused commands of one server, oldest first, bounded so that a flood of bad input stays cheap. */
final class RejectionLog {

    /** How many rejections are kept; later ones are counted out, not stored. */
    static final int CAPACITY = 10_000;

    private final List<Rejection> rejections = new ArrayList<>();

    synchronized void add(Rejection rejection) {
        if (rejections.size() < CAPACITY) {
            rejections.add(rejection);
        }
    }

    synchronized List<Rejection> snapshot() {
        return List.copyOf(rejections);
    }

    synchronized void clear() {
        rejections.clear();
    }
}
