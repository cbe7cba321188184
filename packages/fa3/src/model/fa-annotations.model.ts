import { flag1, flag12 } from './common.model';
import { type InferNode, leaf, many, obj, one, opt } from './schema-node';

/** Zwolnienie: either P_19 with one legal basis (P_19A/B/C) or P_19N. */
export const exemptionNode = obj({
  P_19: opt(flag1),
  P_19A: opt(leaf('text')),
  P_19B: opt(leaf('text')),
  P_19C: opt(leaf('text')),
  P_19N: opt(flag1),
});

export const newVehicleNode = obj({
  P_22A: one(leaf('date')),
  P_NrWierszaNST: one(leaf('natural')),
  P_22BMK: opt(leaf('text')),
  P_22BMD: opt(leaf('text')),
  P_22BK: opt(leaf('text')),
  P_22BNR: opt(leaf('text')),
  P_22BRP: opt(leaf('text')),
  P_22B: opt(leaf('text')),
  P_22B1: opt(leaf('text')),
  P_22B2: opt(leaf('text')),
  P_22B3: opt(leaf('text')),
  P_22B4: opt(leaf('text')),
  P_22BT: opt(leaf('text')),
  P_22C: opt(leaf('text')),
  P_22C1: opt(leaf('text')),
  P_22D: opt(leaf('text')),
  P_22D1: opt(leaf('text')),
});

/** NoweSrodkiTransportu: either P_22 + P_42_5 + vehicles, or P_22N. */
export const newVehiclesNode = obj({
  P_22: opt(flag1),
  P_42_5: opt(flag12),
  NowySrodekTransportu: many(newVehicleNode),
  P_22N: opt(flag1),
});

/** PMarzy: margin scheme, either P_PMarzy with one kind, or P_PMarzyN. */
export const marginNode = obj({
  P_PMarzy: opt(flag1),
  P_PMarzy_2: opt(flag1),
  P_PMarzy_3_1: opt(flag1),
  P_PMarzy_3_2: opt(flag1),
  P_PMarzy_3_3: opt(flag1),
  P_PMarzyN: opt(flag1),
});

/**
 * Adnotacje. Flags use 1 = yes, 2 = no: P_16 metoda kasowa, P_17 samofakturowanie, P_18 odwrotne obciążenie,
 * P_18A mechanizm podzielonej płatności, P_23 procedura uproszczona (trójstronna).
 */
export const annotationsNode = obj({
  P_16: one(flag12),
  P_17: one(flag12),
  P_18: one(flag12),
  P_18A: one(flag12),
  Zwolnienie: one(exemptionNode),
  NoweSrodkiTransportu: one(newVehiclesNode),
  P_23: one(flag12),
  PMarzy: one(marginNode),
});
export type Annotations = InferNode<typeof annotationsNode>;
