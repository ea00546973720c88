print("hti")
