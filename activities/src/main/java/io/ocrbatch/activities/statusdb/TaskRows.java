package io.ocrbatch.activities.statusdb;

import io.ocrbatch.activities.storage.BdrcVolume;
import io.ocrbatch.workflows.VolumeRef;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts a job's volumes and tasks a few thousand rows per statement: one statement per row cost a
 * round trip each and, worse, one update of the job's counters each (triggers, V9 keeps them per
 * statement), which for 100,000 volumes in one transaction took minutes.
 */
final class TaskRows {
  static final int ROWS_PER_STATEMENT = 5_000;

  private TaskRows() {}

  /** Upserts the volumes and adds a task for each the job lacks, in the order given. */
  static void insert(Connection c, long jobId, List<VolumeRef> volumes, int maxAttempts)
      throws SQLException {
    Map<String, VolumeRef> bySource = new LinkedHashMap<>();
    for (VolumeRef ref : volumes) bySource.put(ref.sourceUri(), ref); // the last name wins
    List<VolumeRef> unique = new ArrayList<>(bySource.values());
    for (int from = 0; from < unique.size(); from += ROWS_PER_STATEMENT) {
      List<VolumeRef> part =
          unique.subList(from, Math.min(unique.size(), from + ROWS_PER_STATEMENT));
      insertTasks(c, jobId, volumeIds(c, part), maxAttempts);
    }
  }

  /** The volumes' ids, in the order given (inserted, or found by source and renamed). */
  private static long[] volumeIds(Connection c, List<VolumeRef> part) throws SQLException {
    String[] sources = new String[part.size()];
    String[] names = new String[part.size()];
    String[] works = new String[part.size()];
    String[] imageGroups = new String[part.size()];
    for (int i = 0; i < part.size(); i++) {
      VolumeRef ref = part.get(i);
      var bdrc = BdrcVolume.fromUri(ref.sourceUri()).map(BdrcVolume.Located::volume);
      sources[i] = ref.sourceUri();
      names[i] = ref.volumeId();
      works[i] = bdrc.map(BdrcVolume::workId).orElse(null);
      imageGroups[i] = bdrc.map(BdrcVolume::imageGroupId).orElse(null);
    }
    Map<String, Long> ids = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO volumes (source_uri, volume_name, bdrc_w_id, bdrc_i_id)"
                + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])"
                + " ON CONFLICT (source_uri) DO UPDATE SET volume_name = EXCLUDED.volume_name,"
                + " updated_at = now() RETURNING id, source_uri")) {
      ps.setArray(1, c.createArrayOf("text", sources));
      ps.setArray(2, c.createArrayOf("text", names));
      ps.setArray(3, c.createArrayOf("text", works));
      ps.setArray(4, c.createArrayOf("text", imageGroups));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.put(rs.getString(2), rs.getLong(1));
      }
    }
    long[] ordered = new long[part.size()];
    for (int i = 0; i < part.size(); i++) ordered[i] = ids.get(sources[i]);
    return ordered;
  }

  private static void insertTasks(Connection c, long jobId, long[] volumeIds, int maxAttempts)
      throws SQLException {
    Long[] boxed = new Long[volumeIds.length];
    for (int i = 0; i < volumeIds.length; i++) boxed[i] = volumeIds[i];
    Array ids = c.createArrayOf("bigint", boxed);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO tasks (job_id, volume_id, max_attempts)"
                + " SELECT ?, v.id, ? FROM unnest(?::bigint[]) WITH ORDINALITY AS v (id, n) ORDER BY v.n"
                + " ON CONFLICT (job_id, volume_id) DO NOTHING")) {
      ps.setLong(1, jobId);
      ps.setInt(2, maxAttempts);
      ps.setArray(3, ids);
      ps.executeUpdate();
    }
  }
}
