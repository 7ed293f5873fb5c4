print("cnnrt")
