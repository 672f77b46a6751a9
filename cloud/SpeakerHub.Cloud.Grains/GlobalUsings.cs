global using SpeakerHub.Cloud.Speech.Nlu;
