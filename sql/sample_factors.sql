-- Sample equipment factors OF OUR OWN INVENTION (plausible, not real data), in the CURRENT
-- factor layout written by the application's CSV factor seeder:
--   data_entry_type_id 10 scientific / 11 it / 12 other  ->  emission_type_id 80100 / 80200 / 80300
--   classification (jsonb): {"equipment_class": ..., "sub_class": ... or null}
--   values (json): powers in W, default weekly hours, kg CO2eq per kWh (numbers written as
--   floats, as CSV ingestion stores them).
-- Ten (equipment_class, sub_class) pairs, each repeated for 2023, 2024 and 2025; only the
-- electricity factor changes between years. One row per pair and year, so the partial unique
-- index uq_factor_identity holds. last_seen_job_id stays NULL, as with the seed loader.
--
-- Load after sql/schema.sql:  psql -v ON_ERROR_STOP=1 -1 -f sql/sample_factors.sql "$URL"

SET client_encoding = 'UTF8';   -- the file contains '°'

-- 2023
INSERT INTO factors (emission_type_id, data_entry_type_id, classification, "values", year) VALUES
    (80100, 10, '{"equipment_class": "Centrifuge", "sub_class": "Benchtop"}',
     '{"active_power_w": 450.0, "standby_power_w": 15.0, "active_usage_hours_per_week": 10.0, "standby_usage_hours_per_week": 20.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80100, 10, '{"equipment_class": "Freezer", "sub_class": "-80°C"}',
     '{"active_power_w": 700.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80100, 10, '{"equipment_class": "Microscope", "sub_class": "Confocal"}',
     '{"active_power_w": 1200.0, "standby_power_w": 60.0, "active_usage_hours_per_week": 20.0, "standby_usage_hours_per_week": 40.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80100, 10, '{"equipment_class": "PCR machine", "sub_class": null}',
     '{"active_power_w": 800.0, "standby_power_w": 10.0, "active_usage_hours_per_week": 8.0, "standby_usage_hours_per_week": 20.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80200, 11, '{"equipment_class": "Laptop", "sub_class": null}',
     '{"active_power_w": 45.0, "standby_power_w": 2.0, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80200, 11, '{"equipment_class": "Desktop", "sub_class": "Workstation"}',
     '{"active_power_w": 250.0, "standby_power_w": 5.0, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80200, 11, '{"equipment_class": "Server", "sub_class": "Rack"}',
     '{"active_power_w": 400.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80200, 11, '{"equipment_class": "Monitor", "sub_class": null}',
     '{"active_power_w": 30.0, "standby_power_w": 0.5, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80300, 12, '{"equipment_class": "Coffee machine", "sub_class": null}',
     '{"active_power_w": 1200.0, "standby_power_w": 2.0, "active_usage_hours_per_week": 3.0, "standby_usage_hours_per_week": 40.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023),
    (80300, 12, '{"equipment_class": "Refrigerator", "sub_class": "Standard"}',
     '{"active_power_w": 150.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.128}', 2023);

-- 2024
INSERT INTO factors (emission_type_id, data_entry_type_id, classification, "values", year) VALUES
    (80100, 10, '{"equipment_class": "Centrifuge", "sub_class": "Benchtop"}',
     '{"active_power_w": 450.0, "standby_power_w": 15.0, "active_usage_hours_per_week": 10.0, "standby_usage_hours_per_week": 20.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80100, 10, '{"equipment_class": "Freezer", "sub_class": "-80°C"}',
     '{"active_power_w": 700.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80100, 10, '{"equipment_class": "Microscope", "sub_class": "Confocal"}',
     '{"active_power_w": 1200.0, "standby_power_w": 60.0, "active_usage_hours_per_week": 20.0, "standby_usage_hours_per_week": 40.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80100, 10, '{"equipment_class": "PCR machine", "sub_class": null}',
     '{"active_power_w": 800.0, "standby_power_w": 10.0, "active_usage_hours_per_week": 8.0, "standby_usage_hours_per_week": 20.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80200, 11, '{"equipment_class": "Laptop", "sub_class": null}',
     '{"active_power_w": 45.0, "standby_power_w": 2.0, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80200, 11, '{"equipment_class": "Desktop", "sub_class": "Workstation"}',
     '{"active_power_w": 250.0, "standby_power_w": 5.0, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80200, 11, '{"equipment_class": "Server", "sub_class": "Rack"}',
     '{"active_power_w": 400.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80200, 11, '{"equipment_class": "Monitor", "sub_class": null}',
     '{"active_power_w": 30.0, "standby_power_w": 0.5, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80300, 12, '{"equipment_class": "Coffee machine", "sub_class": null}',
     '{"active_power_w": 1200.0, "standby_power_w": 2.0, "active_usage_hours_per_week": 3.0, "standby_usage_hours_per_week": 40.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024),
    (80300, 12, '{"equipment_class": "Refrigerator", "sub_class": "Standard"}',
     '{"active_power_w": 150.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.122}', 2024);

-- 2025
INSERT INTO factors (emission_type_id, data_entry_type_id, classification, "values", year) VALUES
    (80100, 10, '{"equipment_class": "Centrifuge", "sub_class": "Benchtop"}',
     '{"active_power_w": 450.0, "standby_power_w": 15.0, "active_usage_hours_per_week": 10.0, "standby_usage_hours_per_week": 20.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80100, 10, '{"equipment_class": "Freezer", "sub_class": "-80°C"}',
     '{"active_power_w": 700.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80100, 10, '{"equipment_class": "Microscope", "sub_class": "Confocal"}',
     '{"active_power_w": 1200.0, "standby_power_w": 60.0, "active_usage_hours_per_week": 20.0, "standby_usage_hours_per_week": 40.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80100, 10, '{"equipment_class": "PCR machine", "sub_class": null}',
     '{"active_power_w": 800.0, "standby_power_w": 10.0, "active_usage_hours_per_week": 8.0, "standby_usage_hours_per_week": 20.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80200, 11, '{"equipment_class": "Laptop", "sub_class": null}',
     '{"active_power_w": 45.0, "standby_power_w": 2.0, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80200, 11, '{"equipment_class": "Desktop", "sub_class": "Workstation"}',
     '{"active_power_w": 250.0, "standby_power_w": 5.0, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80200, 11, '{"equipment_class": "Server", "sub_class": "Rack"}',
     '{"active_power_w": 400.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80200, 11, '{"equipment_class": "Monitor", "sub_class": null}',
     '{"active_power_w": 30.0, "standby_power_w": 0.5, "active_usage_hours_per_week": 40.0, "standby_usage_hours_per_week": 60.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80300, 12, '{"equipment_class": "Coffee machine", "sub_class": null}',
     '{"active_power_w": 1200.0, "standby_power_w": 2.0, "active_usage_hours_per_week": 3.0, "standby_usage_hours_per_week": 40.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025),
    (80300, 12, '{"equipment_class": "Refrigerator", "sub_class": "Standard"}',
     '{"active_power_w": 150.0, "standby_power_w": 0.0, "active_usage_hours_per_week": 168.0, "standby_usage_hours_per_week": 0.0, "ef_kg_co2eq_per_kwh": 0.117}', 2025);
