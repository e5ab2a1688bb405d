"""CarVision-Market-Intelligence: used-car price regression (vehicles_us.csv) and its demos."""
