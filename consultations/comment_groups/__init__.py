"""Near-duplicate groups of a consultation's comments, stored: regrouping (`regroup`), in the
background (`tasks`), staff's split and merge (`actions`), what pages show (`display`).
The pure engine is `consultations.grouping`."""
