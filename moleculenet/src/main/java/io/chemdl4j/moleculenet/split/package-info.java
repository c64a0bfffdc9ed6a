/**
 * Splitters: random, index, scaffold (Bemis-Murcko, molecule for molecule as DeepChem's), stratified and
 * k-fold, with one seeded shuffle.
 */
package io.chemdl4j.moleculenet.split;
