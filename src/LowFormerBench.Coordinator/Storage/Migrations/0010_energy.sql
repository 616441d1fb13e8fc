-- Energy over each result's timed window (issue 15): mean power in watts and energy per image in joules, with the sensor that
-- gave them. NULL means "not measured" (the device had no sensor, or the result predates this column), never 0.
-- Portable SQL: PostgreSQL's twin is the same three statements with DOUBLE PRECISION for REAL.
ALTER TABLE results ADD COLUMN mean_power_w REAL;
ALTER TABLE results ADD COLUMN energy_per_image_j REAL;
ALTER TABLE results ADD COLUMN energy_source TEXT;
