-- Energy over each result's timed window (issue 15): mean power in watts and energy per image in joules, with the sensor that
-- gave them. NULL means "not measured" (the device had no sensor, or the result predates this column), never 0.
-- The PostgreSQL twin of ../0010_energy.sql.
ALTER TABLE results ADD COLUMN mean_power_w DOUBLE PRECISION;
ALTER TABLE results ADD COLUMN energy_per_image_j DOUBLE PRECISION;
ALTER TABLE results ADD COLUMN energy_source TEXT;
