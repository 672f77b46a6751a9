using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SpeakerHub.Firmware.Storage;

namespace SpeakerHub.Firmware.Network
{
    /// <summary>
    /// The TCP side of pairing: listens on the SoftAP address, serves one client at a time with the
    /// <see cref="ProvisioningSession"/> line protocol, and returns once a client said "done" with a
    /// complete configuration. Plain sockets rather than HTTP: the nanoFramework HTTP listener is a
    /// separate package and heap cost, and `nc 192.168.4.1 7345` is all a technician needs.
    /// </summary>
    public sealed class PairingServer
    {
        public const int Port = 7345;

        /// <summary>A line longer than any command or PEM line (64 base64 characters) is refused.</summary>
        public const int MaxLineBytes = 512;

        /// <summary>A client that goes quiet this long is dropped so the next one can pair.</summary>
        public const int ClientIdleTimeoutMs = 120000;

        private const byte LineFeed = (byte)'\n';
        private const byte CarriageReturn = (byte)'\r';
        private const int Backlog = 1;

        private readonly byte[] _receive = new byte[MaxLineBytes];
        private readonly byte[] _line = new byte[MaxLineBytes];

        /// <summary>Blocks until a client completes pairing; returns the configuration to save.</summary>
        public ProvisionedConfig Serve(ProvisionedConfig startingPoint, string greeting)
        {
            Socket listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.Bind(new IPEndPoint(IPAddress.Any, Port));
                listener.Listen(Backlog);
                while (true)
                {
                    Socket client = listener.Accept();
                    ProvisioningSession session = new ProvisioningSession(startingPoint);
                    try
                    {
                        client.ReceiveTimeout = ClientIdleTimeoutMs;
                        Converse(client, session, greeting);
                    }
                    catch (Exception exception)
                    {
                        Debug.WriteLine("pairing: client dropped: " + exception.Message);
                    }
                    finally
                    {
                        client.Close();
                    }

                    if (session.IsFinished)
                    {
                        return session.Config;
                    }
                }
            }
            finally
            {
                listener.Close();
            }
        }

        private void Converse(Socket client, ProvisioningSession session, string greeting)
        {
            Send(client, greeting);
            int lineLength = 0;
            while (true)
            {
                int received = client.Receive(_receive, 0, _receive.Length, SocketFlags.None);
                if (received <= 0)
                {
                    return;
                }

                for (int i = 0; i < received; i++)
                {
                    byte b = _receive[i];
                    if (b == CarriageReturn)
                    {
                        continue;
                    }

                    if (b != LineFeed)
                    {
                        if (lineLength == _line.Length)
                        {
                            Send(client, "error line too long");
                            return;
                        }

                        _line[lineLength++] = b;
                        continue;
                    }

                    string reply = session.Handle(Encoding.UTF8.GetString(_line, 0, lineLength));
                    lineLength = 0;
                    if (reply != null)
                    {
                        Send(client, reply);
                    }

                    if (session.IsFinished)
                    {
                        return;
                    }
                }
            }
        }

        private static void Send(Socket client, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text + "\n");
            client.Send(bytes, 0, bytes.Length, SocketFlags.None);
        }
    }
}
