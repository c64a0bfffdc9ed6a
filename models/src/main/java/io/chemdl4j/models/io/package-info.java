/**
 * Model files: the versioned directory format (manifest plus each kind's weight files), written
 * atomically and read back through the model kind registry; the toolkit's version.
 */
package io.chemdl4j.models.io;
