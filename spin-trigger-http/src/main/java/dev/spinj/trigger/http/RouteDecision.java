package dev.spinj.trigger.http;

import dev.spinj.trigger.http.routing.RouteMatch;

/**
 * Where a request goes, decided without running a guest: either an answer the host gives by
 * itself (health, info, 404) or the route whose guest must run.
 *
 * @param answer the host's own answer, or null when a guest must run
 * @param match the route to run, or null when {@code answer} is set
 */
public record RouteDecision(OutboundResponse answer, RouteMatch match) {

    static RouteDecision answered(OutboundResponse answer) {
        return new RouteDecision(answer, null);
    }

    static RouteDecision toGuest(RouteMatch match) {
        return new RouteDecision(null, match);
    }
}
