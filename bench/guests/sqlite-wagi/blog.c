/*
 * A WAGI blog in C on SQLite: every request (a fresh instance, as WAGI runs them) creates an
 * in-memory database, loads 40 posts with tags, and renders the page PATH_INFO asks for:
 * "/" lists the newest posts with their tag counts, "/post/<n>" shows one post and its
 * neighbours. It stands in for a real-world guest (a CMS such as Bartholomew): SQLite makes
 * it several thousand functions, and its bytecode interpreter (sqlite3VdbeExec) is one function
 * far larger than a JVM method may be.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3.h"

static const char *TOPICS[] = {"wasm", "spin", "jvm", "netty", "sqlite", "startup", "gc", "wagi"};

static void die(sqlite3 *db, const char *what) {
  printf("Content-Type: text/plain\nStatus: 500\n\n%s: %s\n", what, db ? sqlite3_errmsg(db) : "no database");
  exit(0);
}

static void exec(sqlite3 *db, const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    die(db, err ? err : sql);
  }
}

static void load(sqlite3 *db) {
  exec(db,
       "CREATE TABLE post(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, published TEXT);"
       "CREATE TABLE tag(post INTEGER REFERENCES post(id), name TEXT);"
       "CREATE INDEX tag_name ON tag(name);"
       "BEGIN;");
  sqlite3_stmt *post, *tag;
  if (sqlite3_prepare_v2(db, "INSERT INTO post VALUES(?1, ?2, ?3, date('2024-01-01', ?4))", -1, &post, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "INSERT INTO tag VALUES(?1, ?2)", -1, &tag, NULL) != SQLITE_OK) {
    die(db, "prepare insert");
  }
  char title[96], body[1024], days[32];
  for (int i = 1; i <= 40; i++) {
    snprintf(title, sizeof title, "Post %d: notes on %s and %s", i, TOPICS[i % 8], TOPICS[(i * 3) % 8]);
    int n = snprintf(body, sizeof body, "This is post %d. ", i);
    for (int p = 0; p < 6 && n < (int)sizeof body - 80; p++) {
      n += snprintf(body + n, sizeof body - n, "Paragraph %d talks about %s, measured twice. ", p, TOPICS[(i + p) % 8]);
    }
    snprintf(days, sizeof days, "+%d days", i * 9);
    sqlite3_bind_int(post, 1, i);
    sqlite3_bind_text(post, 2, title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(post, 3, body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(post, 4, days, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(post) != SQLITE_DONE) die(db, "insert post");
    sqlite3_reset(post);
    for (int t = 0; t < 3; t++) {
      sqlite3_bind_int(tag, 1, i);
      sqlite3_bind_text(tag, 2, TOPICS[(i + t * 5) % 8], -1, SQLITE_STATIC);
      if (sqlite3_step(tag) != SQLITE_DONE) die(db, "insert tag");
      sqlite3_reset(tag);
    }
  }
  sqlite3_finalize(post);
  sqlite3_finalize(tag);
  exec(db, "COMMIT;");
}

static void html_escaped(const unsigned char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '<': fputs("&lt;", stdout); break;
      case '>': fputs("&gt;", stdout); break;
      case '&': fputs("&amp;", stdout); break;
      default: putchar(*s);
    }
  }
}

static void index_page(sqlite3 *db) {
  sqlite3_stmt *q;
  if (sqlite3_prepare_v2(db,
          "SELECT p.id, p.title, p.published, group_concat(t.name, ', '), substr(p.body, 1, 120) "
          "FROM post p JOIN tag t ON t.post = p.id GROUP BY p.id ORDER BY p.published DESC LIMIT 10",
          -1, &q, NULL) != SQLITE_OK) {
    die(db, "prepare index");
  }
  printf("Content-Type: text/html\n\n<!doctype html><title>spinj blog</title><h1>Newest posts</h1><ul>\n");
  while (sqlite3_step(q) == SQLITE_ROW) {
    printf("<li><a href=\"/post/%d\">", sqlite3_column_int(q, 0));
    html_escaped(sqlite3_column_text(q, 1));
    printf("</a> <small>%s [", sqlite3_column_text(q, 2));
    html_escaped(sqlite3_column_text(q, 3));
    printf("]</small><p>");
    html_escaped(sqlite3_column_text(q, 4));
    printf("...</p></li>\n");
  }
  sqlite3_finalize(q);
  if (sqlite3_prepare_v2(db, "SELECT name, count(*) FROM tag GROUP BY name ORDER BY 2 DESC, 1", -1, &q, NULL) != SQLITE_OK) {
    die(db, "prepare tags");
  }
  printf("</ul><h2>Tags</h2><p>");
  while (sqlite3_step(q) == SQLITE_ROW) {
    printf("%s (%d) ", sqlite3_column_text(q, 0), sqlite3_column_int(q, 1));
  }
  printf("</p>\n");
  sqlite3_finalize(q);
}

static void post_page(sqlite3 *db, int id) {
  sqlite3_stmt *q;
  if (sqlite3_prepare_v2(db,
          "SELECT title, body, published, (SELECT max(id) FROM post WHERE id < ?1), (SELECT min(id) FROM post WHERE id > ?1) "
          "FROM post WHERE id = ?1", -1, &q, NULL) != SQLITE_OK) {
    die(db, "prepare post");
  }
  sqlite3_bind_int(q, 1, id);
  if (sqlite3_step(q) != SQLITE_ROW) {
    printf("Content-Type: text/plain\nStatus: 404\n\nno post %d\n", id);
  } else {
    printf("Content-Type: text/html\n\n<!doctype html><title>");
    html_escaped(sqlite3_column_text(q, 0));
    printf("</title><h1>");
    html_escaped(sqlite3_column_text(q, 0));
    printf("</h1><small>%s</small><p>", sqlite3_column_text(q, 2));
    html_escaped(sqlite3_column_text(q, 1));
    printf("</p><a href=\"/post/%d\">older</a> <a href=\"/post/%d\">newer</a>\n", sqlite3_column_int(q, 3),
           sqlite3_column_int(q, 4));
  }
  sqlite3_finalize(q);
}

int main(void) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die(db, "open");
  load(db);
  const char *path = getenv("PATH_INFO");
  int id;
  if (path && sscanf(path, "/post/%d", &id) == 1) {
    post_page(db, id);
  } else {
    index_page(db);
  }
  sqlite3_close(db);
  return 0;
}
