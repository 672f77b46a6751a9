using System.Net;
using System.Net.Sockets;

namespace SpeakerHub.Cloud.Host.Loopback;

/// <summary>Ports nobody listens on right now, for servers this process starts on loopback.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// Opens all listeners before closing any, so the ports are distinct. They are free again when this
    /// returns; another process could take one before our server binds it, which a rerun fixes.
    /// </summary>
    public static int[] Free(int count)
    {
        List<TcpListener> listeners = [];
        try
        {
            for (int i = 0; i < count; i++)
            {
                TcpListener listener = new(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
