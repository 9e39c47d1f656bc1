// Setup against a Citus cluster, retried where the cluster itself races.

/** How Citus reports two registrations colliding in its shared catalog. */
const COLLISION = /marked as essential|concurrently updated/;

/**
 * Registering a worker syncs Citus' metadata to it, which updates a row of a catalog shared by
 * every database of the node: two suites creating their databases at the same moment can
 * collide there ("tuple concurrently updated", reported as "failure on connection marked as
 * essential"). The registration is idempotent, so it is simply tried again.
 */
export async function retryCatalogCollision<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !COLLISION.exec(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * i));
    }
  }
}
