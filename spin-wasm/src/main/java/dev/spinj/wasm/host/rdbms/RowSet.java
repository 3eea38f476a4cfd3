package dev.spinj.wasm.host.rdbms;

import java.util.List;

/** A query's {@code row-set}: typed columns and rows of values. */
public record RowSet(List<DbColumn> columns, List<List<DbValue>> rows) {}
